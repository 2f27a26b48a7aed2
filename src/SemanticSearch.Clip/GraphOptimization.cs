namespace SemanticSearch.Clip;

/// <summary>How much ONNX Runtime rewrites the graph when a session is created (maps to its GraphOptimizationLevel).</summary>
public enum GraphOptimization
{
    /// <summary>No rewriting; useful only to debug a model.</summary>
    Disabled,

    /// <summary>Constant folding and redundant node removal.</summary>
    Basic,

    /// <summary>Basic plus operator fusions (attention, GELU, layer norm).</summary>
    Extended,

    /// <summary>Everything, including layout optimizations (the default).</summary>
    All,
}
