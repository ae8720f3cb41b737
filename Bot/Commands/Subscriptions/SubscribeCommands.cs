using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Subscriptions;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Subscriptions;

/// <summary>The topics a member hears about, as a message with one button per topic (✅ on, ▫️ off) that switches
/// it; the same buttons answer /subscribe and /unsubscribe without a topic.</summary>
public sealed class TopicButtons(SubscriptionService subscriptions) : ICallbackHandler
{
    public const string TopicRoute = "sub";
    private const string Show = "show";

    public string Route => TopicRoute;

    public Access Access => Access.Member;

    public static (Html Text, InlineKeyboardMarkup Keyboard) Render(ChatContext ctx, IReadOnlySet<Topic> on)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(on);
        var lines = Topics.All.Select(t => ctx.T("Subscriptions.Line", on.Contains(t) ? "✅" : "▫️", ctx.Plain($"Subscriptions.Topic.{t}"), ctx.Plain($"Subscriptions.About.{t}")));
        var buttons = Topics.All.Select(t => new[]
        {
            new InlineKeyboardButton((on.Contains(t) ? "✅ " : "▫️ ") + ctx.Plain($"Subscriptions.Topic.{t}"))
            {
                CallbackData = CallbackCodec.Encode(CallbackData.Of(TopicRoute, (int)t, on.Contains(t) ? 0 : 1)),
            },
        });
        return (Html.Join("\n", [ctx.T("Subscriptions.Title"), .. lines]), new InlineKeyboardMarkup(buttons));
    }

    /// <summary>A button that answers with the topic buttons, for /settings.</summary>
    public static InlineKeyboardButton Open(string label) =>
        new(label) { CallbackData = CallbackCodec.Encode(CallbackData.Of(TopicRoute, Show)) };

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (data.ArgumentCount == 1 && data.Token(0) == Show)
        {
            ctx.Answer();
            var (topics, buttons) = Render(ctx, await subscriptions.Of(ctx.From.Id, ct));
            ctx.Reply(topics, buttons);
            return;
        }

        if (data.ArgumentCount != 2 || !data.TryGetLong(0, out var topic) || !Enum.IsDefined((Topic)topic) || !data.TryGetLong(1, out var on) || on > 1)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        if (await subscriptions.Set(ctx.Permissions, (Topic)topic, on == 1, ct) is not SubscribeOutcome.Set set)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        ctx.Answer(ctx.Plain(set.Subscribed ? "Subscriptions.On" : "Subscriptions.Off", ctx.Plain($"Subscriptions.Topic.{set.Topic}")));
        if (ctx.Message is { } message)
        {
            var (text, keyboard) = Render(ctx, set.Topics);
            ctx.Outbox.Edit(message.Chat.Id, message.MessageId, text, keyboard);
        }
    }
}

/// <summary>/subscribe [topic]: hear about a topic without asking; without a topic, the buttons.</summary>
public sealed class SubscribeCommand(SubscriptionService subscriptions) : IBotCommand
{
    public string Name => "subscribe";

    public Access Access => Access.Member;

    public ChatKinds Chats => ChatKinds.Private;

    public Task Run(ChatContext ctx, CancellationToken ct) => TopicCommand.Run(ctx, subscriptions, subscribed: true, ct);
}

/// <summary>/unsubscribe [topic]: stop hearing about a topic; without a topic, the buttons.</summary>
public sealed class UnsubscribeCommand(SubscriptionService subscriptions) : IBotCommand
{
    public string Name => "unsubscribe";

    public Access Access => Access.Member;

    public ChatKinds Chats => ChatKinds.Private;

    public Task Run(ChatContext ctx, CancellationToken ct) => TopicCommand.Run(ctx, subscriptions, subscribed: false, ct);
}

internal static class TopicCommand
{
    public static async Task Run(ChatContext ctx, SubscriptionService subscriptions, bool subscribed, CancellationToken ct)
    {
        if (ctx.Args.Length == 0)
        {
            var (text, keyboard) = TopicButtons.Render(ctx, await subscriptions.Of(ctx.From.Id, ct));
            ctx.Reply(text, keyboard);
            return;
        }

        if (ctx.Args.Length > 40 || Topics.Parse(ctx.Args) is not { } topic)
        {
            ctx.Say("Subscriptions.Unknown", string.Join(", ", Topics.All.Select(t => t.ToString().ToLowerInvariant())));
            return;
        }

        if (await subscriptions.Set(ctx.Permissions, topic, subscribed, ct) is SubscribeOutcome.Set set)
        {
            var (text, keyboard) = TopicButtons.Render(ctx, set.Topics);
            ctx.Reply(Html.Join("\n\n", [ctx.T(subscribed ? "Subscriptions.On" : "Subscriptions.Off", ctx.Plain($"Subscriptions.Topic.{topic}")), text]), keyboard);
        }
    }
}
