"""the premium schedule: the year of the grant, that year's percentage and the begeleidingspremie on
each premium line, and the schedule's dated parameters (seeded, with their source)

Revision ID: 0015_begeleiding
Revises: 0014_werkbak_urgency
Create Date: 2026-12-02 08:10:00.000000

"""
import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_begeleiding'
down_revision = '0014_werkbak_urgency'
branch_labels = None
depends_on = None

PARAMETERS_CSV = Path(__file__).resolve().parents[2] / 'portal' / 'sources' / 'premium_parameters.csv'
# The names portal/domain/premium_schedule.py reads, written out (a migration stays as it was).
NAMES = {*(f'loonpremie_daling_jaar_{year}' for year in range(1, 6)),
         *(f'begeleidingspremie_kwartaal_{level}' for level in ('hoog', 'midden', 'laag')),
         'begeleidingspremie_opstart_kwartaal'}


def schedule_parameters(present: set) -> list[dict]:
    """The schedule's rows of the parameters file, less any already loaded (same name and date)."""
    with PARAMETERS_CSV.open(encoding='utf-8') as handle:
        rows = [{'name': row['naam'], 'valid_from': date.fromisoformat(row['geldig_vanaf']),
                 'value': Decimal(row['waarde'].replace(',', '.')), 'source': row['bron']}
                for row in csv.DictReader(handle, delimiter=';') if row['naam'] in NAMES]
    return [row for row in rows if (row['name'], row['valid_from']) not in present]


def upgrade():
    with op.batch_alter_table('premium_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('grant_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('year_percentage', sa.Numeric(precision=5, scale=2), nullable=True))
        batch_op.add_column(sa.Column('guidance_level', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('guidance_amount', sa.Numeric(precision=12, scale=2), nullable=True))

    parameters = sa.table('premium_parameter', sa.column('name', sa.String), sa.column('valid_from', sa.Date),
                          sa.column('value', sa.Numeric), sa.column('source', sa.Text))
    present = {(name, valid_from if isinstance(valid_from, date) else date.fromisoformat(str(valid_from)))
               for name, valid_from in op.get_bind().execute(
                   sa.select(parameters.c.name, parameters.c.valid_from).where(parameters.c.name.in_(NAMES)))}
    rows = schedule_parameters(present)
    if rows:
        op.bulk_insert(parameters, rows)


def downgrade():
    parameters = sa.table('premium_parameter', sa.column('name', sa.String))
    op.execute(parameters.delete().where(parameters.c.name.in_(NAMES)))
    with op.batch_alter_table('premium_line', schema=None) as batch_op:
        batch_op.drop_column('guidance_amount')
        batch_op.drop_column('guidance_level')
        batch_op.drop_column('year_percentage')
        batch_op.drop_column('grant_year')
