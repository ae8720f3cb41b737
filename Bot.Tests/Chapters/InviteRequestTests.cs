using Bot.Commands.Chapters;

namespace Bot.Tests.Chapters;

public sealed class InviteRequestTests
{
    [Theory]
    [InlineData("", "", 168, 1)]
    [InlineData("Kreisverband Nord", "Kreisverband Nord", 168, 1)]
    [InlineData("Kreisverband Nord 14d 10", "Kreisverband Nord", 336, 10)]
    [InlineData("Kreisverband Nord 10 14d", "Kreisverband Nord", 336, 10)]
    [InlineData("kreisverband   nord  48h", "kreisverband   nord", 48, 1)]
    [InlineData("Nord 7T", "Nord", 168, 1)]
    [InlineData("Nord 2W 3", "Nord", 336, 3)]
    [InlineData("Nord 12Std", "Nord", 12, 1)]
    [InlineData("5", "", 168, 5)]
    [InlineData("90d 1000", "", 2160, 1000)]
    [InlineData("Nord 5 5", "Nord 5", 168, 5)]
    [InlineData("„Kreisverband Nord“ 3", "Kreisverband Nord", 168, 3)]
    [InlineData("\"Kreisverband Nord\"", "Kreisverband Nord", 168, 1)]
    public void Arguments_AreReadFromTheEnd(string args, string chapter, int hours, int uses)
    {
        var request = InviteRequest.Parse(args);

        Assert.Equal(new InviteRequest(chapter, TimeSpan.FromHours(hours), uses), request);
    }

    [Theory]
    [InlineData("Nord 0")]
    [InlineData("Nord 1001")]
    [InlineData("Nord 99999999999999999999")]
    [InlineData("Nord 91d")]
    [InlineData("Nord 0h")]
    [InlineData("Nord 14w")]
    [InlineData("Nord 999999h")]
    public void Numbers_OutOfRange_AreRefused(string args) =>
        Assert.Null(InviteRequest.Parse(args));
}
