using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Humanizer;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Chapters;

/// <summary>How a new invite is shown to the admin who made it: the chapter, the link to pass on, the bare
/// payload, until when it holds (local time and relative), for how many, and buttons to share and revoke it.</summary>
internal static class InviteCard
{
    public static Html Text(ChatContext ctx, Invite invite, Chapter chapter, TimeZoneInfo zone)
    {
        var expires = DateTime.SpecifyKind(invite.ExpiresAt, DateTimeKind.Utc);
        var local = TimeZoneInfo.ConvertTimeFromUtc(expires, zone);
        // Measured from the invite's creation, which is now: "in 7 Tagen", not "in 6 Tagen" a moment later.
        var relative = expires.Humanize(utcDate: true, dateToCompareAgainst: DateTime.SpecifyKind(invite.CreatedAt, DateTimeKind.Utc), culture: ctx.Culture);
        var uses = invite.MaxUses == 1 ? ctx.T("Invite.ForOne") : ctx.T("Invite.ForMany", invite.MaxUses);
        return ctx.T(
            "Invite.Created",
            chapter.Name,
            ctx.Bot.Link(invite.Payload),
            Html.Code(invite.Payload),
            // The bot's one date format in each language (as on cards and notices), and the 24-hour clock.
            local.ToString(ctx.Plain("Format.Date"), ctx.Culture),
            local.ToString("HH:mm", ctx.Culture),
            relative,
            uses);
    }

    public static InlineKeyboardMarkup Keyboard(ChatContext ctx, Invite invite) =>
        new([
            [new InlineKeyboardButton(ctx.Plain("Invite.Share")) { Url = "https://t.me/share/url?url=" + Uri.EscapeDataString(ctx.Bot.Link(invite.Payload)) }],
            [new InlineKeyboardButton(ctx.Plain("Invite.Revoke")) { CallbackData = CallbackCodec.Encode(CallbackData.Of(InviteRevoke.RouteKey, invite.Id)) }],
        ]);
}
