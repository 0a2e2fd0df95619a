"""ipr: rights holders, rights, notices, listings

The whole data model of issue 9 (counter-notices, standing, misuse, leads included) and the IPR
queue with its routing rule.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ipr_rights_holders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("legal_name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("contact_name", sa.String(length=120), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=False),
        sa.Column("contact_phone", sa.String(length=40), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column(
            "capacity",
            sa.Enum("owner", "agent", name="capacity", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("principal_name", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending", "verified", "refused", name="verification", native_enum=False, length=10
            ),
            nullable=False,
        ),
        sa.Column("refusal_reasons", sa.Text(), nullable=True),
        sa.Column("verified_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("verified_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("good_standing", sa.Boolean(), nullable=False),
        sa.Column("standing_checked_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("standing_lost_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("suspended_until", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_ipr_rights_holders_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["verified_by_id"],
            ["users.id"],
            name=op.f("fk_ipr_rights_holders_verified_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_rights_holders")),
    )
    with op.batch_alter_table("ipr_rights_holders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ipr_rights_holders_status"), ["status"], unique=False)

    op.create_table(
        "ipr_misuse_measures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("warning", "suspension", name="misusekind", native_enum=False),
            nullable=False,
        ),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("notice_references", sa.JSON(), nullable=False),
        sa.Column("unfounded_count", sa.Integer(), nullable=False),
        sa.Column("decided_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ends_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("lifted_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("lifted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_ipr_misuse_measures_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["ipr_rights_holders.id"],
            name=op.f("fk_ipr_misuse_measures_holder_id_ipr_rights_holders"),
        ),
        sa.ForeignKeyConstraint(
            ["lifted_by_id"], ["users.id"], name=op.f("fk_ipr_misuse_measures_lifted_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_misuse_measures")),
    )
    with op.batch_alter_table("ipr_misuse_measures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ipr_misuse_measures_holder_id"), ["holder_id"], unique=False
        )

    op.create_table(
        "ipr_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum("web", "api", name="channel", native_enum=False, length=5),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("good_faith", sa.Boolean(), nullable=False),
        sa.Column("accurate", sa.Boolean(), nullable=False),
        sa.Column("signature", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("infringement_type", sa.String(length=20), nullable=True),
        sa.Column("nlp_analysis", sa.JSON(), nullable=True),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("flagged", sa.JSON(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["ipr_rights_holders.id"],
            name=op.f("fk_ipr_notices_holder_id_ipr_rights_holders"),
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"], ["users.id"], name=op.f("fk_ipr_notices_submitted_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_notices")),
        sa.UniqueConstraint("reference", name=op.f("uq_ipr_notices_reference")),
    )
    with op.batch_alter_table("ipr_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ipr_notices_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_ipr_notices_holder_id"), ["holder_id"], unique=False)

    op.create_table(
        "ipr_repeat_infringers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("flagged_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("takedowns", sa.Integer(), nullable=False),
        sa.Column("case_references", sa.JSON(), nullable=False),
        sa.Column("cleared_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_ipr_repeat_infringers_seller_id_sellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_repeat_infringers")),
    )
    with op.batch_alter_table("ipr_repeat_infringers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ipr_repeat_infringers_seller_open", ["seller_id", "cleared_at"], unique=False
        )

    op.create_table(
        "ipr_rights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column(
            "right_type",
            sa.Enum(
                "trademark", "copyright", "patent", name="righttype", native_enum=False, length=10
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("registration_number", sa.String(length=64), nullable=True),
        sa.Column(
            "office",
            sa.Enum(
                "CNIPA",
                "USPTO",
                "EUIPO",
                "WIPO",
                "other",
                name="trademarkoffice",
                native_enum=False,
                length=10,
            ),
            nullable=True,
        ),
        sa.Column("office_name", sa.String(length=120), nullable=True),
        sa.Column("nice_classes", sa.JSON(), nullable=False),
        sa.Column("owner_name", sa.String(length=200), nullable=True),
        sa.Column(
            "patent_type",
            sa.Enum(
                "invention", "utility", "design", name="patenttype", native_enum=False, length=10
            ),
            nullable=True,
        ),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending", "verified", "refused", name="verification", native_enum=False, length=10
            ),
            nullable=False,
        ),
        sa.Column("refusal_reasons", sa.Text(), nullable=True),
        sa.Column("verified_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("verified_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "right_type <> 'copyright' OR owner_name IS NOT NULL",
            name=op.f("ck_ipr_rights_copyright_fields"),
        ),
        sa.CheckConstraint(
            "right_type <> 'patent' OR (patent_type IS NOT NULL AND registration_number IS NOT NULL)",
            name=op.f("ck_ipr_rights_patent_fields"),
        ),
        sa.CheckConstraint(
            "right_type <> 'trademark' OR (office IS NOT NULL AND registration_number IS NOT NULL)",
            name=op.f("ck_ipr_rights_trademark_fields"),
        ),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["ipr_rights_holders.id"],
            name=op.f("fk_ipr_rights_holder_id_ipr_rights_holders"),
        ),
        sa.ForeignKeyConstraint(
            ["verified_by_id"], ["users.id"], name=op.f("fk_ipr_rights_verified_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_rights")),
    )
    with op.batch_alter_table("ipr_rights", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ipr_rights_holder_type", ["holder_id", "right_type"], unique=False
        )

    op.create_table(
        "ipr_rights_holder_members",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("added_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["ipr_rights_holders.id"],
            name=op.f("fk_ipr_rights_holder_members_holder_id_ipr_rights_holders"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_ipr_rights_holder_members_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_ipr_rights_holder_members")),
    )
    with op.batch_alter_table("ipr_rights_holder_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ipr_rights_holder_members_holder_id"), ["holder_id"], unique=False
        )

    op.create_table(
        "ipr_standing_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("good_standing", sa.Boolean(), nullable=False),
        sa.Column("decided", sa.Integer(), nullable=False),
        sa.Column("taken_down", sa.Integer(), nullable=False),
        sa.Column("reversed", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["ipr_rights_holders.id"],
            name=op.f("fk_ipr_standing_changes_holder_id_ipr_rights_holders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_standing_changes")),
    )
    with op.batch_alter_table("ipr_standing_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ipr_standing_changes_holder_id"), ["holder_id"], unique=False
        )

    op.create_table(
        "ipr_counterfeit_leads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("complaint_reference", sa.String(length=40), nullable=False),
        sa.Column("brand", sa.String(length=200), nullable=False),
        sa.Column("product", sa.String(length=200), nullable=True),
        sa.Column("platform", sa.String(length=80), nullable=True),
        sa.Column("seller_id", sa.Integer(), nullable=True),
        sa.Column("listing_url", sa.String(length=2000), nullable=True),
        sa.Column("happened_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("received_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("seen_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["ipr_rights_holders.id"],
            name=op.f("fk_ipr_counterfeit_leads_holder_id_ipr_rights_holders"),
        ),
        sa.ForeignKeyConstraint(
            ["right_id"],
            ["ipr_rights.id"],
            name=op.f("fk_ipr_counterfeit_leads_right_id_ipr_rights"),
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_ipr_counterfeit_leads_seller_id_sellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_counterfeit_leads")),
        sa.UniqueConstraint(
            "holder_id", "complaint_reference", name=op.f("uq_ipr_counterfeit_leads_holder_id")
        ),
    )
    with op.batch_alter_table("ipr_counterfeit_leads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ipr_counterfeit_leads_complaint_reference"),
            ["complaint_reference"],
            unique=False,
        )

    op.create_table(
        "ipr_listings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("url_key", sa.String(length=500), nullable=False),
        sa.Column("platform_name", sa.String(length=80), nullable=True),
        sa.Column("platform_id", sa.Integer(), nullable=True),
        sa.Column("seller_name", sa.String(length=200), nullable=True),
        sa.Column("platform_listing_id", sa.String(length=100), nullable=True),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=True),
        sa.Column("counterfeit", sa.Boolean(), nullable=False),
        sa.Column("decided_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_reasons", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_ipr_listings_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["id"], ["cases.id"], name=op.f("fk_ipr_listings_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["ipr_notices.id"], name=op.f("fk_ipr_listings_notice_id_ipr_notices")
        ),
        sa.ForeignKeyConstraint(
            ["platform_id"], ["platforms.id"], name=op.f("fk_ipr_listings_platform_id_platforms")
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["ipr_rights.id"], name=op.f("fk_ipr_listings_right_id_ipr_rights")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_listings")),
        sa.UniqueConstraint("notice_id", "position", name=op.f("uq_ipr_listings_notice_id")),
    )
    with op.batch_alter_table("ipr_listings", schema=None) as batch_op:
        batch_op.create_index("ix_ipr_listings_url_key", ["url_key"], unique=False)

    op.create_table(
        "ipr_notice_rights",
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["ipr_notices.id"],
            name=op.f("fk_ipr_notice_rights_notice_id_ipr_notices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["ipr_rights.id"], name=op.f("fk_ipr_notice_rights_right_id_ipr_rights")
        ),
        sa.PrimaryKeyConstraint("notice_id", "right_id", name=op.f("pk_ipr_notice_rights")),
    )
    with op.batch_alter_table("ipr_notice_rights", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ipr_notice_rights_right_id"), ["right_id"], unique=False
        )

    op.create_table(
        "ipr_appeals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("filed_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("filed_by_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending", "granted", "dismissed", name="appealstatus", native_enum=False, length=10
            ),
            nullable=False,
        ),
        sa.Column("decided_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_reasons", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_ipr_appeals_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["filed_by_id"], ["users.id"], name=op.f("fk_ipr_appeals_filed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"], ["ipr_listings.id"], name=op.f("fk_ipr_appeals_listing_id_ipr_listings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_appeals")),
        sa.UniqueConstraint("listing_id", name=op.f("uq_ipr_appeals_listing_id")),
    )
    op.create_table(
        "ipr_counter_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column(
            "rule",
            sa.Enum("prc", "us_dmca", name="counternoticerule", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("declaration", sa.Text(), nullable=False),
        sa.Column("good_faith", sa.Boolean(), nullable=False),
        sa.Column("consent_to_jurisdiction", sa.Boolean(), nullable=False),
        sa.Column("identity_name", sa.String(length=200), nullable=False),
        sa.Column("identity_organisation", sa.String(length=200), nullable=True),
        sa.Column("identity_registration", sa.String(length=64), nullable=True),
        sa.Column("identity_address", sa.Text(), nullable=False),
        sa.Column("identity_country", sa.String(length=2), nullable=False),
        sa.Column("identity_email", sa.String(length=254), nullable=False),
        sa.Column("identity_phone", sa.String(length=40), nullable=True),
        sa.Column("signature", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "forwarded",
                "refused",
                "upheld",
                "restored",
                name="counternoticestatus",
                native_enum=False,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column("received_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("filed_by_id", sa.Integer(), nullable=True),
        sa.Column("access_token_id", sa.Integer(), nullable=True),
        sa.Column("checked_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("checked_by_id", sa.Integer(), nullable=True),
        sa.Column("refusal_reasons", sa.Text(), nullable=True),
        sa.Column("forwarded_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("window_ends_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("window_explanation", sa.JSON(), nullable=True),
        sa.Column("extension_working_days", sa.Integer(), nullable=True),
        sa.Column("extension_reasons", sa.Text(), nullable=True),
        sa.Column("extended_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("extended_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "extension_working_days IS NULL OR extension_working_days BETWEEN 1 AND 20",
            name=op.f("ck_ipr_counter_notices_extension_days"),
        ),
        sa.ForeignKeyConstraint(
            ["access_token_id"],
            ["seller_access_tokens.id"],
            name=op.f("fk_ipr_counter_notices_access_token_id_seller_access_tokens"),
        ),
        sa.ForeignKeyConstraint(
            ["checked_by_id"], ["users.id"], name=op.f("fk_ipr_counter_notices_checked_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["extended_by_id"],
            ["users.id"],
            name=op.f("fk_ipr_counter_notices_extended_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["filed_by_id"], ["users.id"], name=op.f("fk_ipr_counter_notices_filed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["ipr_listings.id"],
            name=op.f("fk_ipr_counter_notices_listing_id_ipr_listings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_counter_notices")),
    )
    with op.batch_alter_table("ipr_counter_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ipr_counter_notices_listing_id"), ["listing_id"], unique=False
        )
        batch_op.create_index(
            "ix_ipr_counter_notices_window", ["status", "window_ends_at"], unique=False
        )

    op.create_table(
        "ipr_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=200), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("right_summary", sa.Text(), nullable=False),
        sa.Column("counterfeit", sa.Boolean(), nullable=False),
        sa.Column("automated_detection", sa.Boolean(), nullable=False),
        sa.Column("automated_decision", sa.Boolean(), nullable=False),
        sa.Column("redress", sa.Text(), nullable=False),
        sa.Column("issued_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["issued_by_id"], ["users.id"], name=op.f("fk_ipr_statements_issued_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["ipr_listings.id"],
            name=op.f("fk_ipr_statements_listing_id_ipr_listings"),
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["ipr_rights.id"], name=op.f("fk_ipr_statements_right_id_ipr_rights")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_statements")),
    )
    with op.batch_alter_table("ipr_statements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ipr_statements_listing_id"), ["listing_id"], unique=False
        )

    op.create_table(
        "ipr_action_proofs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter_notice_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "complaint",
                "lawsuit",
                "court_action",
                name="proofkind",
                native_enum=False,
                length=15,
            ),
            nullable=False,
        ),
        sa.Column("authority", sa.String(length=200), nullable=False),
        sa.Column("case_number", sa.String(length=100), nullable=True),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("submitted_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending", "accepted", "refused", name="proofstatus", native_enum=False, length=10
            ),
            nullable=False,
        ),
        sa.Column("checked_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("checked_by_id", sa.Integer(), nullable=True),
        sa.Column("check_reasons", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["checked_by_id"], ["users.id"], name=op.f("fk_ipr_action_proofs_checked_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["counter_notice_id"],
            ["ipr_counter_notices.id"],
            name=op.f("fk_ipr_action_proofs_counter_notice_id_ipr_counter_notices"),
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"],
            ["users.id"],
            name=op.f("fk_ipr_action_proofs_submitted_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_action_proofs")),
    )
    with op.batch_alter_table("ipr_action_proofs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ipr_action_proofs_counter_notice_id"),
            ["counter_notice_id"],
            unique=False,
        )

    op.create_table(
        "ipr_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "purpose",
            sa.Enum(
                "power_of_attorney",
                "certificate",
                "mark_image",
                "evidence",
                "counter_evidence",
                "proof",
                name="filepurpose",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("holder_id", sa.Integer(), nullable=True),
        sa.Column("right_id", sa.Integer(), nullable=True),
        sa.Column("notice_id", sa.Integer(), nullable=True),
        sa.Column("counter_notice_id", sa.Integer(), nullable=True),
        sa.Column("proof_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(CASE WHEN holder_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN right_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN notice_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN counter_notice_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN proof_id IS NULL THEN 0 ELSE 1 END) = 1",
            name=op.f("ck_ipr_files_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["counter_notice_id"],
            ["ipr_counter_notices.id"],
            name=op.f("fk_ipr_files_counter_notice_id_ipr_counter_notices"),
        ),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["ipr_rights_holders.id"],
            name=op.f("fk_ipr_files_holder_id_ipr_rights_holders"),
        ),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["ipr_notices.id"], name=op.f("fk_ipr_files_notice_id_ipr_notices")
        ),
        sa.ForeignKeyConstraint(
            ["proof_id"],
            ["ipr_action_proofs.id"],
            name=op.f("fk_ipr_files_proof_id_ipr_action_proofs"),
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["ipr_rights.id"], name=op.f("fk_ipr_files_right_id_ipr_rights")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["users.id"], name=op.f("fk_ipr_files_uploaded_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ipr_files")),
    )
    with op.batch_alter_table("ipr_files", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ipr_files_counter_notice_id"), ["counter_notice_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_ipr_files_holder_id"), ["holder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ipr_files_notice_id"), ["notice_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ipr_files_proof_id"), ["proof_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ipr_files_right_id"), ["right_id"], unique=False)
    _add_ipr_queue()


def _add_ipr_queue() -> None:
    """The IPR queue (mainland China calendar) and the rule sending every listing there."""
    queues = sa.table(
        "queues",
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("calendar_id", sa.Integer),
        sa.column("triage", sa.Boolean),
        sa.column("auto_assign", sa.Boolean),
    )
    op.bulk_insert(
        queues,
        [
            {
                "code": "ipr",
                "name": "IP notices",
                "calendar_id": 1,
                "triage": False,
                "auto_assign": False,
            }
        ],
    )
    # Position 100: before the demo's catch-all "general" rule (1000).
    op.execute(
        "INSERT INTO queue_rules (queue_id, position, kind) "
        "SELECT id, 100, 'ipr_listing' FROM queues WHERE code = 'ipr'"
    )


def downgrade() -> None:
    op.execute(
        "DELETE FROM queue_rules WHERE queue_id IN (SELECT id FROM queues WHERE code = 'ipr')"
    )
    op.execute(
        "DELETE FROM queue_members WHERE queue_id IN (SELECT id FROM queues WHERE code = 'ipr')"
    )
    op.execute(
        "UPDATE cases SET queue_id = NULL WHERE queue_id IN "
        "(SELECT id FROM queues WHERE code = 'ipr')"
    )
    op.execute("DELETE FROM queues WHERE code = 'ipr'")
    with op.batch_alter_table("ipr_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ipr_files_right_id"))
        batch_op.drop_index(batch_op.f("ix_ipr_files_proof_id"))
        batch_op.drop_index(batch_op.f("ix_ipr_files_notice_id"))
        batch_op.drop_index(batch_op.f("ix_ipr_files_holder_id"))
        batch_op.drop_index(batch_op.f("ix_ipr_files_counter_notice_id"))

    op.drop_table("ipr_files")
    with op.batch_alter_table("ipr_action_proofs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ipr_action_proofs_counter_notice_id"))

    op.drop_table("ipr_action_proofs")
    with op.batch_alter_table("ipr_statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ipr_statements_listing_id"))

    op.drop_table("ipr_statements")
    with op.batch_alter_table("ipr_counter_notices", schema=None) as batch_op:
        batch_op.drop_index("ix_ipr_counter_notices_window")
        batch_op.drop_index(batch_op.f("ix_ipr_counter_notices_listing_id"))

    op.drop_table("ipr_counter_notices")
    op.drop_table("ipr_appeals")
    with op.batch_alter_table("ipr_notice_rights", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ipr_notice_rights_right_id"))

    op.drop_table("ipr_notice_rights")
    with op.batch_alter_table("ipr_listings", schema=None) as batch_op:
        batch_op.drop_index("ix_ipr_listings_url_key")

    op.drop_table("ipr_listings")
    with op.batch_alter_table("ipr_counterfeit_leads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ipr_counterfeit_leads_complaint_reference"))

    op.drop_table("ipr_counterfeit_leads")
    with op.batch_alter_table("ipr_standing_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ipr_standing_changes_holder_id"))

    op.drop_table("ipr_standing_changes")
    with op.batch_alter_table("ipr_rights_holder_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ipr_rights_holder_members_holder_id"))

    op.drop_table("ipr_rights_holder_members")
    with op.batch_alter_table("ipr_rights", schema=None) as batch_op:
        batch_op.drop_index("ix_ipr_rights_holder_type")

    op.drop_table("ipr_rights")
    with op.batch_alter_table("ipr_repeat_infringers", schema=None) as batch_op:
        batch_op.drop_index("ix_ipr_repeat_infringers_seller_open")

    op.drop_table("ipr_repeat_infringers")
    with op.batch_alter_table("ipr_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ipr_notices_holder_id"))
        batch_op.drop_index(batch_op.f("ix_ipr_notices_created_at"))

    op.drop_table("ipr_notices")
    with op.batch_alter_table("ipr_misuse_measures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ipr_misuse_measures_holder_id"))

    op.drop_table("ipr_misuse_measures")
    with op.batch_alter_table("ipr_rights_holders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ipr_rights_holders_status"))

    op.drop_table("ipr_rights_holders")
