namespace SemanticSearch.Clip;

/// <summary>A model folder or ONNX file that cannot be used, with a message that says what to do about it.</summary>
public sealed class ClipModelException(string message, Exception? inner = null) : Exception(message, inner);
