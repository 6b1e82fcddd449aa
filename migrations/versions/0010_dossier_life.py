"""the running dossier: evaluation and reconsideration requests point to their dossier; the last
VDAB evaluation and the employee's last working day

Revision ID: 0010_dossier_life
Revises: 0009
Create Date: 2026-12-01 23:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_dossier_life'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_application_parent_id'), ['parent_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_application_parent_id_application'), 'application',
                                    ['parent_id'], ['id'])
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('vdab_evaluated_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('left_service_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_column('left_service_on')
        batch_op.drop_column('vdab_evaluated_on')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_application_parent_id_application'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_application_parent_id'))
        batch_op.drop_column('parent_id')
