"""the list of campaigns ("Berichten") without counting every e-mail of every campaign: a partial
index of the rows still on their way or refused, and the number of cancelled ones kept on the
campaign (the sent ones follow from the total)

Revision ID: 0017_berichten
Revises: 0016_list_order
Create Date: 2026-12-02 12:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0017_berichten'
down_revision = '0016_list_order'
branch_labels = None
depends_on = None

OPEN_ROWS = sa.text("campaign_id IS NOT NULL AND status IN ('created', 'sending', 'paused', 'failed')")


def upgrade():
    op.create_index('ix_outbox_message_campaign_open', 'outbox_message', ['campaign_id', 'status'],
                    postgresql_where=OPEN_ROWS, sqlite_where=OPEN_ROWS)
    with op.batch_alter_table('bulk_message') as batch_op:
        batch_op.add_column(sa.Column('cancelled_count', sa.Integer(), server_default='0', nullable=False))
    # Campaigns cancelled before this migration: their cancelled e-mails, counted once.
    op.execute("UPDATE bulk_message SET cancelled_count = (SELECT count(*) FROM outbox_message "
               "WHERE outbox_message.campaign_id = bulk_message.id AND outbox_message.status = 'cancelled')")


def downgrade():
    with op.batch_alter_table('bulk_message') as batch_op:
        batch_op.drop_column('cancelled_count')
    op.drop_index('ix_outbox_message_campaign_open', table_name='outbox_message')
