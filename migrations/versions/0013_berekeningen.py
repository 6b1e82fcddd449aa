"""money: RSZ quarterly declarations, the dated parameters of the calculation (seeded, with their
source), premium lines (a correction is a line of its own) and payment runs

Revision ID: 0013_berekeningen
Revises: 0012_wop
Create Date: 2026-12-02 04:11:22.940999

"""
from alembic import op
import sqlalchemy as sa
import csv
from datetime import date
from decimal import Decimal
from pathlib import Path


# revision identifiers, used by Alembic.
revision = '0013_berekeningen'
down_revision = '0012_wop'
branch_labels = None
depends_on = None

PARAMETERS_CSV = Path(__file__).resolve().parents[2] / 'portal' / 'sources' / 'premium_parameters.csv'


def initial_parameters() -> list[dict]:
    """The rows of the parameters file, read here without the portal's code (a migration stays as it was):
    only the parameters this revision knew; later revisions seed their own (0015: the premium schedule)."""
    with PARAMETERS_CSV.open(encoding='utf-8') as handle:
        return [{'name': row['naam'], 'valid_from': date.fromisoformat(row['geldig_vanaf']),
                 'value': Decimal(row['waarde'].replace(',', '.')), 'source': row['bron']}
                for row in csv.DictReader(handle, delimiter=';')
                if row['naam'] in ('referteloon_plafond_kwartaal', 'afronding')]


def upgrade():
    op.create_table('premium_parameter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=4), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_premium_parameter')),
    sa.UniqueConstraint('name', 'valid_from', name=op.f('uq_premium_parameter_name_valid_from'))
    )
    op.create_table('rsz_declaration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enterprise_number', sa.String(length=10), nullable=False),
    sa.Column('national_number', sa.String(length=11), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('days', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('hours', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('wage', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rsz_declaration')),
    sa.UniqueConstraint('enterprise_number', 'national_number', 'year', 'quarter', name='uq_rsz_declaration_key')
    )
    with op.batch_alter_table('rsz_declaration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rsz_declaration_national_number'), ['national_number'], unique=False)

    op.create_table('payment_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('pay_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('notified_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['user_account.id'], name=op.f('fk_payment_run_approved_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_run')),
    sa.UniqueConstraint('measure', 'year', 'quarter', name=op.f('uq_payment_run_measure_year_quarter'))
    )
    op.create_table('premium_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('measure', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('days', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('hours', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('wage', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('covered_days', sa.Integer(), nullable=False),
    sa.Column('quarter_days', sa.Integer(), nullable=False),
    sa.Column('reference_wage', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('percentage', sa.Integer(), nullable=False),
    sa.Column('premium', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.Column('payment_run_id', sa.Integer(), nullable=True),
    sa.Column('paid_iban', sa.String(length=34), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_premium_line_application_id_application')),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], name=op.f('fk_premium_line_enterprise_id_enterprise')),
    sa.ForeignKeyConstraint(['payment_run_id'], ['payment_run.id'], name=op.f('fk_premium_line_payment_run_id_payment_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_premium_line')),
    sa.UniqueConstraint('application_id', 'year', 'quarter', 'sequence', name='uq_premium_line_key')
    )
    with op.batch_alter_table('premium_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_premium_line_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_premium_line_payment_run_id'), ['payment_run_id'], unique=False)

    # The parameters the seeds do not give, with where they come from (portal/domain/premiums.py names
    # them), as in portal/sources/premium_parameters.csv; staff load newer values (an indexation) as
    # dated rows on the Bronnen page.
    parameters = sa.table('premium_parameter', sa.column('name', sa.String), sa.column('valid_from', sa.Date),
                          sa.column('value', sa.Numeric), sa.column('source', sa.Text))
    op.bulk_insert(parameters, initial_parameters())



def downgrade():
    with op.batch_alter_table('premium_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_premium_line_payment_run_id'))
        batch_op.drop_index(batch_op.f('ix_premium_line_enterprise_id'))

    op.drop_table('premium_line')
    op.drop_table('payment_run')
    with op.batch_alter_table('rsz_declaration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rsz_declaration_national_number'))

    op.drop_table('rsz_declaration')
    op.drop_table('premium_parameter')
