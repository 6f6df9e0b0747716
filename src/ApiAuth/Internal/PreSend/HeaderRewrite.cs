namespace ApiAuth.Internal;

/// <summary>
/// One header change the credential policy decided on: remove the header (from the request's headers or its content's) when
/// <paramref name="Remove"/> is set, then add <paramref name="Value"/> or <paramref name="Values"/>, if any.
/// </summary>
/// <param name="Name">The header name.</param>
/// <param name="Value">The single value to add, or <see langword="null"/>.</param>
/// <param name="Values">The values to add when there are several, or <see langword="null"/>.</param>
/// <param name="InContent">Whether the header is one of the content's headers.</param>
/// <param name="Remove">Whether the header is removed first.</param>
internal readonly record struct HeaderRewrite(string Name, string? Value, string[]? Values, bool InContent, bool Remove);
