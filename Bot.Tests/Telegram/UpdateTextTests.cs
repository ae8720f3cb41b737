using Bot.Telegram.Updates;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Tests.Telegram;

/// <summary>Text that PostgreSQL cannot store (NUL, half of an emoji) is made storable where updates enter, one
/// character for one; everything else, emoji included, stays as typed.</summary>
public sealed class UpdateTextTests
{
    // Built in code: an attribute's strings are stored as UTF-8, which cannot hold half of an emoji.
    private static readonly (string Typed, string Stored)[] Cases =
    [
        ("Treffen\u0000morgen", "Treffen\uFFFDmorgen"),
        ("Sommerfest \uD83C", "Sommerfest \uFFFD"),
        ("\uDF89 Party", "\uFFFD Party"),
        ("Sommerfest 🎉 👩‍👩‍👧 𝔘", "Sommerfest 🎉 👩‍👩‍👧 𝔘"),
        ("", ""),
    ];

    [Fact]
    public void Text_KeepsItsLength_AndOnlyWhatCannotBeStoredIsReplaced()
    {
        foreach (var (typed, stored) in Cases)
        {
            var cleaned = UpdateText.Clean(typed);

            Assert.Equal(stored, cleaned);
            Assert.Equal(typed.Length, cleaned!.Length);
        }
    }

    [Fact]
    public void AnUpdate_HasItsTextNamesAndButtonDataCleaned()
    {
        var update = new Update
        {
            Id = 1,
            Message = new Message
            {
                Id = 5,
                Text = "/newevent Fest\u0000",
                From = new User { Id = 7, FirstName = "Ali\uD83Dce", LastName = "\u0000" },
                Chat = new Chat { Id = -100, Type = ChatType.Group, Title = "Gruppe \uDE00" },
                Date = DateTime.UnixEpoch,
            },
            CallbackQuery = new CallbackQuery { Id = "q", Data = "rsvp:1:y\u0000", From = new User { Id = 8, FirstName = "Bob" } },
        };

        UpdateText.Clean(update);

        Assert.Equal("/newevent Fest\uFFFD", update.Message.Text);
        Assert.Equal("Ali\uFFFDce", update.Message.From!.FirstName);
        Assert.Equal("\uFFFD", update.Message.From.LastName);
        Assert.Equal("Gruppe \uFFFD", update.Message.Chat.Title);
        Assert.Equal("rsvp:1:y\uFFFD", update.CallbackQuery.Data);
        Assert.Equal("Bob", update.CallbackQuery.From.FirstName);
    }
}
