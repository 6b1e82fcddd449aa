"""the work queue's order by an index: dossier.urgent_on, the first deadline while the clock runs
(receipt + the shorter term still open + the days already waited), filled in for the existing
dossiers, and partial indexes on it for running and waiting dossiers

Revision ID: 0014_werkbak_urgency
Revises: 0013_berekeningen
Create Date: 2026-12-02 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_werkbak_urgency'
down_revision = '0013_berekeningen'
branch_labels = None
depends_on = None

# The rule as it stood when this migration was written (portal/services/dossiers/urgency.py,
# rule_sql), repeated here so the migration stays as it was: 7 days while admissibility is not
# decided; else, while not final (approved, refused or not admissible), 120 days for an evaluation
# request (kind "evaluatie", or a new individueel-maatwerk application pointing to a VOP), 30 for
# other individueel maatwerk except a reconsideration; no term otherwise.
TERM = """(SELECT CASE
    WHEN a.admissibility IS NULL THEN 7
    WHEN a.state IN ('goedgekeurd', 'geweigerd') OR a.admissibility = 'niet_ontvankelijk' THEN NULL
    WHEN a.kind = 'evaluatie' OR (a.measure = 'im' AND a.kind = 'nieuw' AND a.parent_id IS NOT NULL) THEN 120
    WHEN a.measure = 'im' AND a.kind <> 'heroverweging' THEN 30
  END FROM application a WHERE a.id = dossier.application_id)"""


def upgrade():
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('urgent_on', sa.Date(), nullable=True))
    days = f"({TERM} + COALESCE(suspended_days, 0))"
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f"UPDATE dossier SET urgent_on = CASE WHEN {days} IS NOT NULL "
                   f"THEN date(received_on, printf('%+d days', {days})) END")
    else:
        op.execute(f"UPDATE dossier SET urgent_on = received_on + {days}")
    op.create_index('ix_dossier_urgent_on_running', 'dossier', ['urgent_on'], unique=False,
                    postgresql_where=sa.text('suspended_since IS NULL AND urgent_on IS NOT NULL'),
                    sqlite_where=sa.text('suspended_since IS NULL AND urgent_on IS NOT NULL'))
    op.create_index('ix_dossier_urgent_on_suspended', 'dossier', ['urgent_on'], unique=False,
                    postgresql_where=sa.text('suspended_since IS NOT NULL'),
                    sqlite_where=sa.text('suspended_since IS NOT NULL'))


def downgrade():
    op.drop_index('ix_dossier_urgent_on_suspended', table_name='dossier')
    op.drop_index('ix_dossier_urgent_on_running', table_name='dossier')
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_column('urgent_on')
