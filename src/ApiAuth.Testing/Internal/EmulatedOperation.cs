namespace ApiAuth.Testing.Internal;

/// <summary>The operations the emulator serves.</summary>
internal enum EmulatedOperation
{
    ListModels,
    ChatCompletions,
    Embeddings,
    Messages,
    GenerateContent,
    StreamGenerateContent,
}
