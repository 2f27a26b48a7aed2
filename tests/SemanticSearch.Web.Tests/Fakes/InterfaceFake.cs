using System.Reflection;

namespace SemanticSearch.Web.Tests.Fakes;

/// <summary>
/// A stand-in for a wide interface (ICatalogStore has 25 members) in component tests: members with a handler set in
/// <see cref="Handlers"/> run it; any other member throws, so a test never passes on a silently faked call.
/// </summary>
public class InterfaceFake<T> : DispatchProxy where T : class
{
    /// <summary>Handlers by method name.</summary>
    public Dictionary<string, Func<object?[], object?>> Handlers { get; } = [];

    /// <summary>A proxy implementing <typeparamref name="T"/> and the fake that drives it.</summary>
    public static (T Instance, InterfaceFake<T> Fake) Create()
    {
        var instance = Create<T, InterfaceFake<T>>();
        return (instance, (InterfaceFake<T>)(object)instance);
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod is not null && Handlers.TryGetValue(targetMethod.Name, out var handler))
            return handler(args ?? []);
        throw new NotSupportedException($"{typeof(T).Name}.{targetMethod?.Name} was not expected in this test.");
    }
}
