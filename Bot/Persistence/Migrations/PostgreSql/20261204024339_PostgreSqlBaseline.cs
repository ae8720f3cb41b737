using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Bot.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlBaseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "card_refreshes",
                columns: table => new
                {
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    stamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_card_refreshes", x => x.event_id);
                });

            migrationBuilder.CreateTable(
                name: "chapters",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    parent_id = table.Column<long>(type: "bigint", nullable: true),
                    group_chat_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    notice_period_days = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chapters", x => x.id);
                    table.ForeignKey(
                        name: "fk_chapters_parent",
                        column: x => x.parent_id,
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "chats",
                columns: table => new
                {
                    chat_id = table.Column<long>(type: "bigint", nullable: false),
                    unreachable = table.Column<bool>(type: "boolean", nullable: false),
                    unreachable_since = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    unreachable_reason = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    migrated_to_chat_id = table.Column<long>(type: "bigint", nullable: true),
                    heard_from_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chats", x => x.chat_id);
                });

            migrationBuilder.CreateTable(
                name: "dialogs",
                columns: table => new
                {
                    chat_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    step = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dialogs", x => new { x.chat_id, x.user_id });
                });

            migrationBuilder.CreateTable(
                name: "digests_sent",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<DateOnly>(type: "date", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_digests_sent", x => new { x.user_id, x.kind, x.period });
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    display_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    username = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    language_chosen = table.Column<bool>(type: "boolean", nullable: false),
                    joined_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    consented_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reachable = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    urgency = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    chat_id = table.Column<long>(type: "bigint", nullable: true),
                    message_id = table.Column<long>(type: "bigint", nullable: true),
                    reply_to_message_id = table.Column<long>(type: "bigint", nullable: true),
                    text = table.Column<string>(type: "text", nullable: true),
                    reply_markup = table.Column<string>(type: "text", nullable: true),
                    callback_query_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    show_alert = table.Column<bool>(type: "boolean", nullable: false),
                    tag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    not_before = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    sent_message_id = table.Column<long>(type: "bigint", nullable: true),
                    last_error = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    document_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    caption = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "processed_updates",
                columns: table => new
                {
                    update_id = table.Column<long>(type: "bigint", nullable: false),
                    processed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_updates", x => x.update_id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_inbox",
                columns: table => new
                {
                    update_id = table.Column<long>(type: "bigint", nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    callback_query_id = table.Column<string>(type: "text", nullable: true),
                    acknowledged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_inbox", x => x.update_id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_inbox_lease",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    until = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_inbox_lease", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "calendar_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    chapter_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    series_id = table.Column<long>(type: "bigint", nullable: true),
                    event_id = table.Column<long>(type: "bigint", nullable: true),
                    title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    was_starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    actor_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_calendar_changes_chapter",
                        column: x => x.chapter_id,
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    chapter_id = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    deadline_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    capacity = table.Column<int>(type: "integer", nullable: true),
                    max_guests = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    created_by = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    next_ticket = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_events_chapter",
                        column: x => x.chapter_id,
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invites",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    chapter_id = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    max_uses = table.Column<int>(type: "integer", nullable: false),
                    uses = table.Column<int>(type: "integer", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invites", x => x.id);
                    table.ForeignKey(
                        name: "fk_invites_chapter",
                        column: x => x.chapter_id,
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "role_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    chapter_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true),
                    actor_id = table.Column<long>(type: "bigint", nullable: true),
                    old_role = table.Column<int>(type: "integer", nullable: true),
                    new_role = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_role_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_changes_chapter",
                        column: x => x.chapter_id,
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "series",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    chapter_id = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    first_date = table.Column<DateOnly>(type: "date", nullable: false),
                    time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    frequency = table.Column<int>(type: "integer", nullable: false),
                    interval = table.Column<int>(type: "integer", nullable: false),
                    nth = table.Column<int>(type: "integer", nullable: true),
                    weekday = table.Column<int>(type: "integer", nullable: true),
                    month = table.Column<int>(type: "integer", nullable: true),
                    until = table.Column<DateOnly>(type: "date", nullable: true),
                    capacity = table.Column<int>(type: "integer", nullable: true),
                    max_guests = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_series", x => x.id);
                    table.ForeignKey(
                        name: "fk_series_chapter",
                        column: x => x.chapter_id,
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shifts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    chapter_id = table.Column<long>(type: "bigint", nullable: false),
                    area = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    meeting_point = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    campaign = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    slots = table.Column<int>(type: "integer", nullable: false),
                    minimum = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    next_ticket = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    staffing_checked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    results_asked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shifts", x => x.id);
                    table.ForeignKey(
                        name: "fk_shifts_chapter",
                        column: x => x.chapter_id,
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "calendar_feeds",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_feeds", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_calendar_feeds_member",
                        column: x => x.user_id,
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "member_settings",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    lead_times = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    quiet_hours = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_member_settings", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_member_settings_member",
                        column: x => x.user_id,
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    chapter_id = table.Column<long>(type: "bigint", nullable: false),
                    role = table.Column<int>(type: "integer", nullable: false),
                    since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_memberships", x => new { x.user_id, x.chapter_id });
                    table.ForeignKey(
                        name: "fk_memberships_chapter",
                        column: x => x.chapter_id,
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_memberships_member",
                        column: x => x.user_id,
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "topic_choices",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    topic = table.Column<int>(type: "integer", nullable: false),
                    subscribed = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_topic_choices", x => new { x.user_id, x.topic });
                    table.ForeignKey(
                        name: "fk_topic_choices_member",
                        column: x => x.user_id,
                        principalTable: "members",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "calendar_changes_sent",
                columns: table => new
                {
                    change_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_changes_sent", x => new { x.change_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_calendar_changes_sent_change",
                        column: x => x.change_id,
                        principalTable: "calendar_changes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notices",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    chapter_id = table.Column<long>(type: "bigint", nullable: false),
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    agenda = table.Column<string>(type: "text", nullable: false),
                    shortened_reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    period_days = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_notices_event",
                        column: x => x.event_id,
                        principalTable: "events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reminder_mutes",
                columns: table => new
                {
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    muted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminder_mutes", x => new { x.event_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_reminder_mutes_event",
                        column: x => x.event_id,
                        principalTable: "events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reminder_plans",
                columns: table => new
                {
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    seen_version = table.Column<int>(type: "integer", nullable: false),
                    basis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    next_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminder_plans", x => x.event_id);
                    table.ForeignKey(
                        name: "fk_reminder_plans_event",
                        column: x => x.event_id,
                        principalTable: "events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reminders_sent",
                columns: table => new
                {
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    lead_minutes = table.Column<int>(type: "integer", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminders_sent", x => new { x.event_id, x.user_id, x.lead_minutes });
                    table.ForeignKey(
                        name: "fk_reminders_sent_event",
                        column: x => x.event_id,
                        principalTable: "events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rsvps",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true),
                    answer = table.Column<int>(type: "integer", nullable: false),
                    guests = table.Column<int>(type: "integer", nullable: false),
                    ticket = table.Column<int>(type: "integer", nullable: false),
                    answered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rsvps", x => x.id);
                    table.ForeignKey(
                        name: "fk_rsvps_event",
                        column: x => x.event_id,
                        principalTable: "events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "series_occurrences",
                columns: table => new
                {
                    series_id = table.Column<long>(type: "bigint", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    announce_due = table.Column<bool>(type: "boolean", nullable: false),
                    known_starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    known_cancelled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_series_occurrences", x => new { x.series_id, x.date });
                    table.ForeignKey(
                        name: "fk_series_occurrences_event",
                        column: x => x.event_id,
                        principalTable: "events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_series_occurrences_series",
                        column: x => x.series_id,
                        principalTable: "series",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shift_reminders",
                columns: table => new
                {
                    shift_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    lead_minutes = table.Column<int>(type: "integer", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shift_reminders", x => new { x.shift_id, x.user_id, x.lead_minutes });
                    table.ForeignKey(
                        name: "fk_shift_reminders_shift",
                        column: x => x.shift_id,
                        principalTable: "shifts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shift_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    shift_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true),
                    doors = table.Column<int>(type: "integer", nullable: false),
                    conversations = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    reported_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shift_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_shift_reports_shift",
                        column: x => x.shift_id,
                        principalTable: "shifts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shift_sign_ups",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    shift_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    ticket = table.Column<int>(type: "integer", nullable: false),
                    signed_up_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shift_sign_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_shift_sign_ups_shift",
                        column: x => x.shift_id,
                        principalTable: "shifts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notice_issues",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    notice_id = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sent_by = table.Column<long>(type: "bigint", nullable: true),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    shortened_reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    remind_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reminded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notice_issues", x => x.id);
                    table.ForeignKey(
                        name: "fk_notice_issues_notice",
                        column: x => x.notice_id,
                        principalTable: "notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notice_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    issue_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true),
                    handed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    message_id = table.Column<long>(type: "bigint", nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    not_reached = table.Column<int>(type: "integer", nullable: true),
                    not_reached_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notice_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_notice_deliveries_issue",
                        column: x => x.issue_id,
                        principalTable: "notice_issues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "webhook_inbox_lease",
                columns: new[] { "name", "holder", "until" },
                values: new object[,]
                {
                    { "inbox", "", new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { "outbox", "", new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) }
                });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_changes_chapter_id",
                table: "calendar_changes",
                column: "chapter_id");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_changes_done_at",
                table: "calendar_changes",
                column: "done_at");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_changes_sent_user_id",
                table: "calendar_changes_sent",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_calendar_feeds_token_hash",
                table: "calendar_feeds",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chapters_parent_id",
                table: "chapters",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ux_chapters_group_chat_id",
                table: "chapters",
                column: "group_chat_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_chapters_name",
                table: "chapters",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_chapter_starts_at",
                table: "events",
                columns: new[] { "chapter_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_events_starts_at",
                table: "events",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_invites_chapter_id",
                table: "invites",
                column: "chapter_id");

            migrationBuilder.CreateIndex(
                name: "ux_invites_code",
                table: "invites",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_username",
                table: "members",
                column: "username");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_chapter_id",
                table: "memberships",
                column: "chapter_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_deliveries_issue_user",
                table: "notice_deliveries",
                columns: new[] { "issue_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notice_deliveries_user_id",
                table: "notice_deliveries",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_issues_reminder",
                table: "notice_issues",
                columns: new[] { "reminded_at", "remind_at" });

            migrationBuilder.CreateIndex(
                name: "ux_notice_issues_notice_number",
                table: "notice_issues",
                columns: new[] { "notice_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notices_chapter_created",
                table: "notices",
                columns: new[] { "chapter_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_notices_event_id",
                table: "notices",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_chat_status_urgency_id",
                table: "outbox",
                columns: new[] { "chat_id", "status", "urgency", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_status_urgency_id",
                table: "outbox",
                columns: new[] { "status", "urgency", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_tag_chat",
                table: "outbox",
                columns: new[] { "tag", "chat_id" });

            migrationBuilder.CreateIndex(
                name: "ix_processed_updates_processed_at",
                table: "processed_updates",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_mutes_user_id",
                table: "reminder_mutes",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_reminders_sent_user_id",
                table: "reminders_sent",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_changes_chapter_id",
                table: "role_changes",
                column: "chapter_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_changes_user_id",
                table: "role_changes",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_rsvps_user_id",
                table: "rsvps",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_rsvps_event_user",
                table: "rsvps",
                columns: new[] { "event_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_series_chapter_id",
                table: "series",
                column: "chapter_id");

            migrationBuilder.CreateIndex(
                name: "ux_series_occurrences_event_id",
                table: "series_occurrences",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shift_reminders_user_id",
                table: "shift_reminders",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_shift_reports_user_id",
                table: "shift_reports",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_shift_reports_shift_user",
                table: "shift_reports",
                columns: new[] { "shift_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shift_sign_ups_user_id",
                table: "shift_sign_ups",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_shift_sign_ups_shift_user",
                table: "shift_sign_ups",
                columns: new[] { "shift_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shifts_chapter_starts_at",
                table: "shifts",
                columns: new[] { "chapter_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_shifts_results",
                table: "shifts",
                columns: new[] { "results_asked_at", "ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_shifts_staffing",
                table: "shifts",
                columns: new[] { "staffing_checked_at", "starts_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_changes_sent");

            migrationBuilder.DropTable(
                name: "calendar_feeds");

            migrationBuilder.DropTable(
                name: "card_refreshes");

            migrationBuilder.DropTable(
                name: "chats");

            migrationBuilder.DropTable(
                name: "dialogs");

            migrationBuilder.DropTable(
                name: "digests_sent");

            migrationBuilder.DropTable(
                name: "invites");

            migrationBuilder.DropTable(
                name: "member_settings");

            migrationBuilder.DropTable(
                name: "memberships");

            migrationBuilder.DropTable(
                name: "notice_deliveries");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "processed_updates");

            migrationBuilder.DropTable(
                name: "reminder_mutes");

            migrationBuilder.DropTable(
                name: "reminder_plans");

            migrationBuilder.DropTable(
                name: "reminders_sent");

            migrationBuilder.DropTable(
                name: "role_changes");

            migrationBuilder.DropTable(
                name: "rsvps");

            migrationBuilder.DropTable(
                name: "series_occurrences");

            migrationBuilder.DropTable(
                name: "shift_reminders");

            migrationBuilder.DropTable(
                name: "shift_reports");

            migrationBuilder.DropTable(
                name: "shift_sign_ups");

            migrationBuilder.DropTable(
                name: "topic_choices");

            migrationBuilder.DropTable(
                name: "webhook_inbox");

            migrationBuilder.DropTable(
                name: "webhook_inbox_lease");

            migrationBuilder.DropTable(
                name: "calendar_changes");

            migrationBuilder.DropTable(
                name: "notice_issues");

            migrationBuilder.DropTable(
                name: "series");

            migrationBuilder.DropTable(
                name: "shifts");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "notices");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "chapters");
        }
    }
}
