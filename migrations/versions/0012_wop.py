"""the werkondersteuningspakket: the five start packages (seed 004), the package's start and end at
VDAB, the package named on a dossier, the employer's correction and evaluation requests

Revision ID: 0012_wop
Revises: 0011_doors
Create Date: 2026-12-02 04:30:00.000000

"""
from decimal import Decimal

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_wop'
down_revision = '0011_doors'
branch_labels = None
depends_on = None

# Seed 004_a9eebd248ec7c11d.txt, "Samengevat": the five start packages of article 50 of the
# maatwerkbesluit. Staff update them under Backoffice › Referentiegegevens (CSV "pakketten").
PACKAGES = [
    ("WOP 1", "PmAH zwak", Decimal("60"), "hoog", "attesten"),
    ("WOP 2", "PMP zwak", Decimal("60"), "hoog", "icf"),
    ("WOP 3", "PmAH sterk", Decimal("45"), "midden", "attesten"),
    ("WOP 4", "PMP sterk", Decimal("45"), "hoog", "icf"),
    ("WOP 5", "Uiterst kwetsbaar", Decimal("45"), "laag", "icf"),
]


def upgrade():
    package = op.create_table('wop_package',
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('target_group', sa.String(length=100), nullable=False),
    sa.Column('percentage', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('guidance', sa.String(length=10), nullable=False),
    sa.Column('basis', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_wop_package'))
    )
    op.bulk_insert(package, [dict(code=c, target_group=t, percentage=p, guidance=g, basis=b)
                             for c, t, p, g, b in PACKAGES])
    op.create_table('wop_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=True),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('package', sa.String(length=10), nullable=True),
    sa.Column('pop_on', sa.Date(), nullable=True),
    sa.Column('document_names', sa.JSON(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('employee_email', sa.String(length=254), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('token_expires_at', sa.DateTime(), nullable=True),
    sa.Column('links_sent', sa.Integer(), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('signed_name', sa.String(length=200), nullable=True),
    sa.Column('sent_to_vdab_at', sa.DateTime(), nullable=True),
    sa.Column('talk_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('letter_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_wop_request_application_id_application')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_wop_request_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprise.id'], name=op.f('fk_wop_request_enterprise_id_enterprise')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wop_request')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_wop_request_token_hash'))
    )
    with op.batch_alter_table('wop_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wop_request_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_wop_request_enterprise_id'), ['enterprise_id'], unique=False)
    with op.batch_alter_table('vdab_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('package_start', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('package_end', sa.Date(), nullable=True))
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wop_package', sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_column('wop_package')
    with op.batch_alter_table('vdab_record', schema=None) as batch_op:
        batch_op.drop_column('package_end')
        batch_op.drop_column('package_start')
    with op.batch_alter_table('wop_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wop_request_enterprise_id'))
        batch_op.drop_index(batch_op.f('ix_wop_request_application_id'))
    op.drop_table('wop_request')
    op.drop_table('wop_package')
