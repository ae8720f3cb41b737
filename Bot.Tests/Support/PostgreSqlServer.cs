using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bot.Tests.Support;

/// <summary>A real PostgreSQL server for the tests that run on PostgreSQL: one per test run, in a temporary folder,
/// on a free loopback port, stopped and deleted at the end. Each test gets a database of its own, copied from a
/// template the bot's migrations already ran on, which takes a fraction of migrating anew.</summary>
/// <remarks>The server binaries are Debian's <c>postgresql</c> package (<c>apt-get install -y postgresql</c>), found on
/// PATH or in /usr/lib/postgresql/&lt;version&gt;/bin. Without them these tests fail, saying so: a run that silently
/// left PostgreSQL out would pass without testing it. initdb refuses to run as root, so as root the server runs as
/// the <c>postgres</c> user that package creates.</remarks>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>The xUnit collection of the tests on PostgreSQL, which share this server.</summary>
    public const string Collection = "PostgreSQL";

    private const string Template = "bot_template";

    private const string User = "bot";

    private string? folder;
    private string? bin;
    private string? runAs;
    private int port;
    private int databases;

    public async Task InitializeAsync()
    {
        bin = FindBinaries() ?? throw new InvalidOperationException(
            "The tests on PostgreSQL need a PostgreSQL server installed (initdb and pg_ctl on PATH or in "
            + "/usr/lib/postgresql/<version>/bin). On Debian or Ubuntu: sudo apt-get install -y postgresql");
        folder = Directory.CreateTempSubdirectory("bot-postgres-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            runAs = "postgres";
            await Run("chown", ["-R", $"{runAs}:", folder]);
        }

        port = FreePort();
        var data = Path.Combine(folder, "data");
        await Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", User, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], runAs);
        // Durability is not what a test run needs from its server; speed is.
        await Run(Path.Combine(bin, "pg_ctl"),
        [
            "start", "-D", data, "-w", "-l", Path.Combine(folder, "server.log"), "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
        ], runAs);
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;

        await Execute($"CREATE DATABASE {Template}");
        var template = ConnectionString(Template) + ";Pooling=false";
        await using (var db = PersistenceServiceCollectionExtensions.MigrationContext(template))
        {
            await db.Database.MigrateAsync();
        }
    }

    /// <summary>A new database with the bot's schema; <see cref="Drop"/> removes it.</summary>
    public Task<string> CreateDatabase() => Create($"TEMPLATE {Template}");

    /// <summary>A new database without any tables, as an operator creates it for the bot.</summary>
    public Task<string> CreateEmptyDatabase() => Create("");

    private async Task<string> Create(string options)
    {
        var name = "test_" + Interlocked.Increment(ref databases).ToString(CultureInfo.InvariantCulture);
        await Execute($"CREATE DATABASE {name} {options}");
        return ConnectionString(name);
    }

    public async Task Drop(string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // FORCE: a pooled connection another component (Quartz) still holds is closed rather than waited for.
        await Execute($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");
    }

    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        NpgsqlConnection.ClearAllPools();
        await Stop();
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username={User};Database={database}";

    private async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task Stop()
    {
        if (bin is not null && folder is not null && Directory.Exists(Path.Combine(folder, "data")))
        {
            await Run(Path.Combine(bin, "pg_ctl"), ["stop", "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w"], runAs);
        }
    }

    private void StopOnExit(object? sender, EventArgs e) => Stop().GetAwaiter().GetResult();

    private static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debian = (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
            .Select(d => Path.Combine(d, "bin"));
        return onPath.Concat(debian).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Run(string program, IReadOnlyList<string> arguments, string? user = null)
    {
        var start = new ProcessStartInfo(user is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (user is not null)
        {
            foreach (var argument in new[] { "-u", user, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}

[CollectionDefinition(PostgreSqlServer.Collection)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>;
