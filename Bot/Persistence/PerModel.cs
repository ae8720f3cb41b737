using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bot.Persistence;

/// <summary>A compiled query (<c>EF.CompileAsyncQuery</c>), compiled once for each model it is run with: EF refuses a
/// compiled query on a model other than the one it was compiled against, and one process can hold several (SQLite's
/// and PostgreSQL's side by side in the tests).</summary>
internal sealed class PerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = [];

    public TQuery For(DbContext db) => compiled.GetValue(db.Model, _ => compile());
}
