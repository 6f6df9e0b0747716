namespace System.Runtime.CompilerServices;

/// <summary>Lets the linked <c>KeyPlacement</c> record compile under netstandard2.0 (init accessors need this type).</summary>
internal static class IsExternalInit
{
}
