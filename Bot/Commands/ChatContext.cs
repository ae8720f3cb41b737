using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Bot.Commands.Dialogs;
using Bot.Domain.Chapters;
using Bot.Domain.Messaging;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands;

/// <summary>Everything a command, button or dialog step needs about the update it answers, and the ways to
/// answer: replies go through the outbox, in the user's language.</summary>
public class ChatContext
{
    public ChatContext()
    {
    }

    /// <summary>The same update, chat and sender, for a more specific context.</summary>
    [SetsRequiredMembers]
    protected ChatContext(ChatContext other)
    {
        (Update, From, Chat, Culture, Access, Permissions) = (other.Update, other.From, other.Chat, other.Culture, other.Access, other.Permissions);
        (Outbox, Texts, Clock, Bot, Dialogs) = (other.Outbox, other.Texts, other.Clock, other.Bot, other.Dialogs);
        (Args, ReplyChatId) = (other.Args, other.ReplyChatId);
    }

    public required Update Update { get; init; }
    public required User From { get; init; }
    public required Chat Chat { get; init; }
    public required CultureInfo Culture { get; init; }
    /// <summary>What the sender may do in this chat (from <see cref="Permissions"/>).</summary>
    public required Access Access { get; init; }

    /// <summary>The sender's standing in every chapter: the one policy, for commands to ask.</summary>
    public required Permissions Permissions { get; init; }
    public required OutboxWriter Outbox { get; init; }
    public required TextCatalog Texts { get; init; }
    public required TimeProvider Clock { get; init; }
    public required BotIdentity Bot { get; init; }
    public required DialogRunner Dialogs { get; init; }

    /// <summary>What follows the command name, trimmed; empty for plain text and buttons.</summary>
    public string Args { get; init; } = "";

    public bool IsPrivate => Chat.IsPrivate;

    /// <summary>Where replies go: this chat, or the sender's private chat for a command that would show personal
    /// data in a group (<see cref="IAnswersInPrivate"/>).</summary>
    public long ReplyChatId { get; internal set; }

    public Html T(string key, params object?[] args) => Texts.Html(key, Culture, args);

    public string Plain(string key, params object?[] args) => Texts.Plain(key, Culture, args);

    /// <summary>Replies in <see cref="ReplyChatId"/>. A reply with a dialog's choices is that dialog's question and is
    /// tagged as such, so its buttons can go once the dialog moves on or ends.</summary>
    public void Reply(Html text, InlineKeyboardMarkup? keyboard = null, Urgency urgency = Urgency.Interactive) =>
        Outbox.Send(ReplyChatId, text, keyboard, urgency, DialogChoice.AreIn(keyboard) ? DialogRunner.QuestionTag(Chat.Id, From.Id) : null);

    /// <summary>Replies with the text under <paramref name="key"/>.</summary>
    public void Say(string key, params object?[] args) => Reply(T(key, args));

    /// <summary>Starts a dialog for this user in this chat, replacing any other.</summary>
    public Task StartDialog<TDialog>(CancellationToken ct) where TDialog : IDialog => Dialogs.Start<TDialog>(this, ct);
}

/// <summary>A button press: the context plus the query to answer.</summary>
public sealed class CallbackContext : ChatContext
{
    [SetsRequiredMembers]
    public CallbackContext(ChatContext chat, CallbackQuery query)
        : base(chat) => Query = query;

    public required CallbackQuery Query { get; init; }

    /// <summary>The message the button sits under.</summary>
    public Message? Message => Query.Message;

    internal bool Answered { get; private set; }

    /// <summary>The short notice the user sees after pressing; every press gets exactly one.</summary>
    public void Answer(string? text = null, bool alert = false)
    {
        if (Answered)
        {
            return;
        }

        Answered = true;
        Outbox.AnswerCallback(Query.Id, text, alert);
    }
}
