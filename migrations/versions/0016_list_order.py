"""an index in the order of "Actuele stand": an enterprise's applications by submission, newest
first (a page of 50 is read in order instead of sorting all of the enterprise's dossiers)

Revision ID: 0016_list_order
Revises: 0015_begeleiding
Create Date: 2026-12-02 11:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0016_list_order'
down_revision = '0015_begeleiding'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_application_enterprise_submitted', 'application', ['enterprise_id', 'submitted_at', 'id'])


def downgrade():
    op.drop_index('ix_application_enterprise_submitted', table_name='application')
