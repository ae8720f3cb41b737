using Bot.Domain.Canvassing;
using Bot.Persistence;

namespace Bot.Commands.Shifts;

public static class ShiftsServiceCollectionExtensions
{
    /// <summary>Canvassing shifts: the domain, its store, the cards and the words of its notices. The commands and
    /// buttons are found by type like every other; the sweep's job is in <see cref="Jobs.ShiftSweepJob"/>.</summary>
    public static IServiceCollection AddShifts(this IServiceCollection services)
    {
        services.AddScoped<IShiftStore, ShiftStore>();
        services.AddScoped<IShiftAudience, ShiftSubscribers>();
        services.AddScoped<ShiftService>();
        services.AddScoped<ShiftNotices>();
        services.AddScoped<ShiftSweep>();
        services.AddScoped<ShiftCard>();
        services.AddScoped<ShiftCards>();
        services.AddScoped<MyShifts>();
        services.AddScoped<ReportCommand>();
        services.AddScoped<Telegram.Outbox.INoticeWording, ShiftNoticeTexts>();
        return services;
    }
}
