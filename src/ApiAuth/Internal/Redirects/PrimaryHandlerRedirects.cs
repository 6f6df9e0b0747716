using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace ApiAuth.Internal;

/// <summary>
/// Finds the switch that makes a client's primary handler follow redirects, and turns it off so ApiAuth follows them
/// instead (with a new message per hop and no credential across origins).
/// </summary>
/// <remarks>
/// How handlers are told apart: the chain is walked from the primary handler through every <see cref="DelegatingHandler"/>'s
/// <see cref="DelegatingHandler.InnerHandler"/>. The first handler with a redirect switch decides: <see cref="SocketsHttpHandler"/>
/// and <see cref="HttpClientHandler"/> (and their subclasses) through <c>AllowAutoRedirect</c>; any other handler type through a
/// public <see langword="bool"/> <c>AllowAutoRedirect</c> or <c>AutomaticRedirection</c> property, the convention of every .NET
/// handler that follows redirects (Android, Apple, WinHttpHandler). A switch that is on and cannot be turned off (a handler
/// already used, disposed, or a read-only property) makes the client unsafe: that is reported as an options validation failure.
/// A switch that is off is the caller's choice (or ApiAuth's, remembered per handler): redirects go back to the caller. A chain
/// without any switch (a test stub, an in-memory handler) is taken as one that returns redirects to its caller.
/// </remarks>
internal static class PrimaryHandlerRedirects
{
    /// <summary>The limit when a handler does not say (SocketsHttpHandler's default).</summary>
    public const int DefaultLimit = 50;

    private static readonly string[] SwitchNames = ["AllowAutoRedirect", "AutomaticRedirection"];

    /// <summary>The handlers whose redirects ApiAuth turned off, with their original limit: a handler shared across builds stays ApiAuth's.</summary>
    private static readonly ConditionalWeakTable<HttpMessageHandler, StrongBox<int>> TurnedOff = new();

    /// <summary>Decides what to do about the redirects of a primary handler chain.</summary>
    /// <param name="primary">The final primary handler of the client.</param>
    /// <param name="apply"><see langword="true"/> to turn the handler's redirects off; <see langword="false"/> to check only that it could be.</param>
    /// <returns>The decision.</returns>
    public static RedirectDecision Decide(HttpMessageHandler primary, bool apply)
    {
        for (HttpMessageHandler? handler = primary; handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            if (TurnedOff.TryGetValue(handler, out StrongBox<int>? limit))
            {
                return RedirectDecision.Follow(limit.Value);
            }

            RedirectDecision? decision = handler switch
            {
                SocketsHttpHandler sockets => Decide(sockets, sockets.AllowAutoRedirect, sockets.MaxAutomaticRedirections, h => sockets.AllowAutoRedirect = h, apply),
                HttpClientHandler classic => Decide(classic, classic.AllowAutoRedirect, classic.MaxAutomaticRedirections, h => classic.AllowAutoRedirect = h, apply),
                _ => DecideByConvention(handler, apply),
            };
            if (decision is { } found)
            {
                return found;
            }
        }

        return RedirectDecision.ReturnedToCaller;
    }

    private static RedirectDecision Decide(HttpMessageHandler handler, bool on, int limit, Action<bool> set, bool apply)
    {
        if (!on)
        {
            return RedirectDecision.ReturnedToCaller;
        }

        try
        {
            // Checking sets the value it already has: the platform's handlers refuse any change once used or disposed.
            set(!apply);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or NotSupportedException or PlatformNotSupportedException)
        {
            return RedirectDecision.Unsafe($"its {handler.GetType().Name} follows redirects and can no longer be changed ({Reason(e)})");
        }

        if (!apply)
        {
            return RedirectDecision.Follow(limit);
        }

        TurnedOff.AddOrUpdate(handler, new StrongBox<int>(limit));
        return RedirectDecision.Follow(limit);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Only handler types ApiAuth does not know are inspected; a property trimmed away is one no code uses, and such a handler is treated as having no switch.")]
    private static RedirectDecision? DecideByConvention(HttpMessageHandler handler, bool apply)
    {
        if (handler is DelegatingHandler)
        {
            return null;
        }

        Type type = handler.GetType();
        foreach (string name in SwitchNames)
        {
            if (type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is not { PropertyType: var t } property || t != typeof(bool) || !property.CanRead)
            {
                continue;
            }

            bool on;
            try
            {
                on = (bool)property.GetValue(handler)!;
            }
            catch (TargetInvocationException)
            {
                return RedirectDecision.Unsafe($"its {type.Name} has a {name} switch ApiAuth cannot read");
            }

            if (!on)
            {
                return RedirectDecision.ReturnedToCaller;
            }

            if (!property.CanWrite || property.SetMethod is not { IsPublic: true })
            {
                return RedirectDecision.Unsafe($"its {type.Name} follows redirects ({name} is true) and the switch is read-only");
            }

            int limit = type.GetProperty("MaxAutomaticRedirections", BindingFlags.Public | BindingFlags.Instance) is { PropertyType: var lt } max && lt == typeof(int) && max.CanRead
                ? (int)max.GetValue(handler)!
                : DefaultLimit;
            return Decide(handler, on, limit, value => SetBySwitch(property, handler, value), apply);
        }

        return null;
    }

    private static void SetBySwitch(PropertyInfo property, HttpMessageHandler handler, bool value)
    {
        try
        {
            property.SetValue(handler, value);
        }
        catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException or ObjectDisposedException or NotSupportedException)
        {
            ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
        }
    }

    private static string Reason(Exception e) => e is ObjectDisposedException ? "it was disposed" : "it has already sent a request";
}
