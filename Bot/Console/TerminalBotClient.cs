using Telegram.Bot;
using Telegram.Bot.Args;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Console;

/// <summary>Telegram as the local chat mode plays it: a Telegram.Bot client whose requests never leave the process.
/// What the bot sends is printed to the terminal, and every call answers the way Telegram's would, so the same
/// <see cref="Telegram.Api.BotApi"/> and its outcomes serve the chat mode and the real bot.</summary>
public sealed class TerminalBotClient(ChatTerminal terminal) : ITelegramBotClient
{
    public static readonly User Me = new() { Id = 42, IsBot = true, FirstName = "Chapter Bot", Username = "chapter_bot" };

    public bool LocalBotServer => true;

    public long BotId => Me.Id;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    public IExceptionParser ExceptionsParser { get; set; } = new DefaultExceptionParser();

    // Nothing goes over HTTP, so there is no request or response to report.
    public event AsyncEventHandler<ApiRequestEventArgs>? OnMakingApiRequest
    {
        add { }
        remove { }
    }

    public event AsyncEventHandler<ApiResponseEventArgs>? OnApiResponseReceived
    {
        add { }
        remove { }
    }

    public Task<TResponse> SendRequest<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        object answer = request switch
        {
            GetMeRequest => Me,
            GetUpdatesRequest => Array.Empty<Update>(),
            SendMessageRequest send => terminal.Show(ChatOf(send.ChatId), send.Text, send.ReplyMarkup as InlineKeyboardMarkup),
            SendVenueRequest venue => terminal.Show(ChatOf(venue.ChatId), $"📍 {venue.Title}, {venue.Address} ({venue.Latitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {venue.Longitude.ToString(System.Globalization.CultureInfo.InvariantCulture)})", null),
            SendDocumentRequest document => Save(ChatOf(document.ChatId), document.Document, document.Caption),
            EditMessageTextRequest edit => terminal.Edit(ChatOf(edit.ChatId), edit.MessageId, edit.Text, edit.ReplyMarkup) ?? throw NotFound(),
            EditMessageReplyMarkupRequest edit => terminal.Edit(ChatOf(edit.ChatId), edit.MessageId, null, edit.ReplyMarkup) ?? throw NotFound(),
            AnswerCallbackQueryRequest answerCallback => Notice(answerCallback.Text),
            DeleteMessageRequest or SetMyCommandsRequest or SetWebhookRequest or DeleteWebhookRequest => true,
            _ => throw new NotSupportedException($"The local chat mode does not play {request.MethodName}."),
        };
        return Task.FromResult((TResponse)answer);
    }

    public Task<bool> TestApi(CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task DownloadFile(string filePath, Stream destination, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The local chat mode has no files to download.");

    public Task DownloadFile(TGFile file, Stream destination, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The local chat mode has no files to download.");

    private static long ChatOf(ChatId? chatId) =>
        chatId?.Identifier ?? throw new ApiRequestException("Bad Request: chat not found", 400);

    private static ApiRequestException NotFound() => new("Bad Request: message to edit not found", 400);

    private Message Save(long chatId, InputFile document, string? caption)
    {
        if (document is not InputFileStream { Content: var content, FileName: var fileName })
        {
            throw new ApiRequestException("Bad Request: the local chat mode takes uploaded files only", 400);
        }

        var name = Path.GetFileName(fileName ?? "file.txt");
        var folder = Path.Combine(Path.GetTempPath(), "chapter-bot-files");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        using (var file = File.Create(path))
        {
            content.CopyTo(file);
        }

        return terminal.Show(chatId, $"{caption}\n📎 {name} (saved as {path})", null);
    }

    private bool Notice(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            terminal.Notice(text);
        }

        return true;
    }
}
