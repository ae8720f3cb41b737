using Bot.Domain.Chapters;
using Microsoft.Extensions.Options;

namespace Bot.Commands;

/// <summary>Access before chapters and memberships exist: the ids in Bot:Admins are admins, everyone else
/// may use what anyone may.</summary>
public sealed class ConfiguredAdminsPolicy(IOptions<BotOptions> options) : IAccessPolicy
{
    public Task<Access> LevelOf(long userId, long chatId, bool privateChat, CancellationToken ct) =>
        Task.FromResult(options.Value.Admins.Contains(userId) ? Access.Admin : Access.Anyone);
}
