namespace ApiAuth.WebApi;

/// <summary>Where the gateway sends chat requests; binds from the <c>OpenAI</c> section.</summary>
internal sealed class OpenAIGatewayOptions
{
    public const string SectionName = "OpenAI";

    public Uri Endpoint { get; set; } = new("https://api.openai.com/v1/");

    public string Model { get; set; } = "gpt-4o-mini";
}
