using System.Text.Json;
using Bot.Domain.Privacy;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Bot.Telegram;

/// <summary>The Telegram side of a person: what the bot knows about their private chat (its id is their user
/// id), their unfinished dialogs, the messages queued or kept for their chat, and the messages to other people
/// that name them. Erasing deletes the first three and blanks them out of the rest.</summary>
public sealed class ChatDataEraser(BotDbContext db) : IPersonalDataHolder
{
    public string Section => "telegram";

    public async Task<object?> Export(long userId, CancellationToken ct)
    {
        var chat = await db.Chats.FindAsync([userId], ct);
        var dialogs = await db.Dialogs.AsNoTracking().Where(d => d.UserId == userId || d.ChatId == userId).OrderBy(d => d.UpdatedAt).ToListAsync(ct);
        var messages = await db.Outbox.AsNoTracking().Where(o => o.ChatId == userId).OrderBy(o => o.Id).ToListAsync(ct);
        var mentions = await MentionsOf(userId, ct);
        var elsewhere = (await Candidates(userId, mentions, tracked: false, ct)).Count(mentions.Names);
        if (chat is null && dialogs.Count == 0 && messages.Count == 0 && elsewhere == 0)
        {
            return null;
        }

        return new
        {
            PrivateChat = chat is null ? null : new { chat.Unreachable, chat.UnreachableSince, chat.UnreachableReason, chat.HeardFromAt, chat.UpdatedAt },
            Dialogs = dialogs.Select(d => new
            {
                Command = d.Name,
                d.Step,
                Answers = JsonSerializer.Deserialize<Dictionary<string, string>>(d.Data),
                InPrivateChat = d.ChatId == userId,
                d.UpdatedAt,
            }),
            MessagesToYou = messages.Select(o => new
            {
                Kind = JsonNamingPolicy.SnakeCaseLower.ConvertName(o.Kind.ToString()),
                Status = JsonNamingPolicy.SnakeCaseLower.ConvertName(o.Status.ToString()),
                o.CreatedAt,
                o.SentAt,
                // What the chat shows, not the markup; a file by its name only, or each export would hold the last.
                Text = o.Kind is OutboxKind.SendMessage or OutboxKind.EditMessageText && o.Text is { } text ? Html.Visible(text) : null,
                File = o.DocumentName,
                Caption = o.Caption is { } caption ? Html.Visible(caption) : null,
            }),
            MessagesToOthersThatNameYou = elsewhere,
        };
    }

    public async Task Erase(long userId, CancellationToken ct)
    {
        // The names first: another holder may be erasing the member row in this same unit of work.
        var mentions = await MentionsOf(userId, ct);

        if (await db.Chats.FindAsync([userId], ct) is { } chat)
        {
            db.Chats.Remove(chat);
        }

        db.Dialogs.RemoveRange(await db.Dialogs.Where(d => d.UserId == userId || d.ChatId == userId).ToListAsync(ct));

        // A dialog's questions in a group are tagged with the asker's id (Commands.Dialogs.DialogRunner.QuestionTag).
        var asker = FormattableString.Invariant($":{userId}");
        await db.Outbox.Where(o => o.Tag != null && o.Tag.StartsWith("dialog:") && o.Tag.EndsWith(asker))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Tag, (string?)null), ct);

        // Every message for their chat goes, sent or not: the chat id is theirs, and the texts may name them.
        foreach (var entry in db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.Entity.ChatId == userId).ToList())
        {
            entry.State = EntityState.Detached;
        }

        await db.Outbox.Where(o => o.ChatId == userId).ExecuteDeleteAsync(ct);

        foreach (var row in await Candidates(userId, mentions, tracked: true, ct))
        {
            mentions.Scrub(row);
        }

        foreach (var entry in db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList())
        {
            mentions.Scrub(entry.Entity);
        }
    }

    /// <summary>The person's names as stored, and as this unit of work may have just changed them.</summary>
    private async Task<PersonMentions> MentionsOf(long userId, CancellationToken ct)
    {
        var stored = await db.Members.AsNoTracking().Where(m => m.UserId == userId).Select(m => new { m.DisplayName, m.Username }).ToListAsync(ct);
        var tracked = db.ChangeTracker.Entries<Domain.Chapters.Member>().Where(e => e.Entity.UserId == userId).ToList();
        var names = stored.Select(m => m.DisplayName)
            .Concat(tracked.Select(e => e.Entity.DisplayName))
            .Concat(tracked.Select(e => e.Property(m => m.DisplayName).OriginalValue));
        var usernames = stored.Select(m => m.Username)
            .Concat(tracked.Select(e => e.Entity.Username))
            .Concat(tracked.Select(e => e.Property(m => m.Username).OriginalValue));
        return PersonMentions.For(userId, names, usernames);
    }

    /// <summary>Rows for other chats (or none) whose text might name the person; <see cref="PersonMentions"/>
    /// decides. The database narrows the search by plain substrings, which every way of naming contains.</summary>
    private async Task<List<OutboxMessage>> Candidates(long userId, PersonMentions mentions, bool tracked, CancellationToken ct)
    {
        var others = tracked ? db.Outbox.Where(o => o.ChatId != userId) : db.Outbox.AsNoTracking().Where(o => o.ChatId != userId);
        var found = new Dictionary<long, OutboxMessage>();
        foreach (var term in mentions.ExactTerms)
        {
            foreach (var row in await others.Where(o => o.Text!.Contains(term) || o.Caption!.Contains(term) || o.ReplyMarkup!.Contains(term)).ToListAsync(ct))
            {
                found.TryAdd(row.Id, row);
            }
        }

        foreach (var term in mentions.AsciiTerms)
        {
            var rows = await others.Where(o => o.Text!.ToLower().Contains(term) || o.Caption!.ToLower().Contains(term) || o.ReplyMarkup!.ToLower().Contains(term)).ToListAsync(ct);
            foreach (var row in rows)
            {
                found.TryAdd(row.Id, row);
            }
        }

        return [.. found.Values];
    }
}
