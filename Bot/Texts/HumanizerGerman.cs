using Humanizer.Configuration;

namespace Bot.Texts;

/// <summary>Makes Humanizer speak German for every "de" culture (de-DE, de-AT, de-CH...).</summary>
public static class HumanizerGerman
{
    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Safe to call more than once and from several threads: Humanizer's registry is a plain dictionary
    /// that is read everywhere, so it is written once.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered) return;
            Configurator.Formatters.Register("de", culture => new GermanHumanizerFormatter(culture));
            registered = true;
        }
    }
}
