namespace SemanticSearch.Clip.Onnx;

/// <summary>
/// How a model's token sequences are padded: with <paramref name="PadId"/>, to <paramref name="ContextLength"/> (when the
/// graph does not fix it) and, where <paramref name="AlwaysToContext"/>, always to that full length.
/// </summary>
internal sealed record TextPadding(int PadId, int? ContextLength, bool AlwaysToContext);
