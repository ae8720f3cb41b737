using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bot.Persistence;

/// <summary>A compiled query (<c>EF.CompileAsyncQuery</c>), or anything else derived from a model, made once for each
/// model it is used with: EF refuses a compiled query on a model other than the one it was compiled against, and one
/// process can hold several (SQLite's and PostgreSQL's side by side in the tests).</summary>
internal sealed class PerModel<T>(Func<DbContext, T> make)
    where T : class
{
    private readonly ConditionalWeakTable<IModel, T> made = [];

    public PerModel(Func<T> compile)
        : this(_ => compile())
    {
    }

    public T For(DbContext db) => made.GetValue(db.Model, _ => make(db));
}
