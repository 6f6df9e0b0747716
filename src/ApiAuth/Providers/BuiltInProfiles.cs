namespace ApiAuth.Providers;

/// <summary>
/// The provider profiles that ship with ApiAuth. Each provider lives in its own partial file as data.
/// </summary>
internal static partial class BuiltInProfiles
{
    /// <summary>The id of the profile used for hosts no profile claims.</summary>
    public const string GenericId = "generic";

    private static ProviderProfile[]? s_all;

    /// <summary>Gets every built-in profile; host detection tries them in this order.</summary>
    /// <remarks>Created on first use so the partial files' initializers have all run.</remarks>
    public static ProviderProfile[] All => s_all ??= [OpenAI, OpenAICompatible, Generic];
}
