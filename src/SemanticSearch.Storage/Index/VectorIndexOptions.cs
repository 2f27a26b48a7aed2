namespace SemanticSearch.Storage.Index;

/// <summary>HNSW settings, bound from the <c>SemanticSearch:Index</c> section of appsettings.json.</summary>
public sealed class VectorIndexOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SemanticSearch:Index";

    /// <summary>Graph edges per node (HNSW "M", 2-256): more means better recall and more memory.</summary>
    public int Connectivity { get; set; } = 16;

    /// <summary>Candidate list size while inserting ("efConstruction"): more means a better graph and slower adds.</summary>
    public int ExpansionAdd { get; set; } = 128;

    /// <summary>
    /// Candidate list size while searching ("ef"): more means better recall and slower queries. Unset (the default),
    /// it is calibrated to reach <see cref="TargetRecall"/>; set, it wins over the calibration.
    /// </summary>
    public int? ExpansionSearch { get; set; }

    /// <summary>The search expansion used until the index is calibrated (and while exact search answers).</summary>
    public const int UncalibratedExpansionSearch = 64;

    /// <summary>
    /// Share of the exact top 10 that searches should find (0.5-0.999). After a build, and at start when the index
    /// has no calibration for its size yet, the smallest search expansion that reaches it on held-out stored vectors
    /// is measured and kept next to the index file.
    /// </summary>
    public double TargetRecall { get; set; } = 0.97;

    /// <summary>Stored vectors held out as queries when calibrating (10-10000): more is steadier and slower.</summary>
    public int CalibrationQueries { get; set; } = 200;

    /// <summary>Storage precision of vectors in the HNSW index.</summary>
    public VectorScalar Scalar { get; set; } = VectorScalar.F32;

    /// <summary>
    /// Native searches that may run at once (1-256). Each needs its own native search context; more concurrent callers
    /// wait for a free one instead of failing.
    /// </summary>
    public int ConcurrentSearches { get; set; } = 16;

    /// <summary>Up to this many vectors searches are exact (brute force is fast and perfect there); 0 disables.</summary>
    public int ExactBelow { get; set; } = 2000;

    /// <summary>Problems with the values, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Connectivity is < 2 or > 256)
            problems.Add($"{Section}:Connectivity must be 2-256 (is {Connectivity}).");
        if (ExpansionAdd is < 1 or > 4096)
            problems.Add($"{Section}:ExpansionAdd must be 1-4096 (is {ExpansionAdd}).");
        if (TargetRecall is not (>= 0.5 and <= 0.999))
            problems.Add($"{Section}:TargetRecall must be 0.5-0.999 (is {TargetRecall}).");
        if (CalibrationQueries is < 10 or > 10000)
            problems.Add($"{Section}:CalibrationQueries must be 10-10000 (is {CalibrationQueries}).");
        if (ExpansionSearch is < 1 or > 4096)
            problems.Add($"{Section}:ExpansionSearch must be 1-4096 (is {ExpansionSearch}).");
        if (ConcurrentSearches is < 1 or > 256)
            problems.Add($"{Section}:ConcurrentSearches must be 1-256 (is {ConcurrentSearches}).");
        if (ExactBelow < 0)
            problems.Add($"{Section}:ExactBelow must not be negative (is {ExactBelow}).");
        if (!Enum.IsDefined(Scalar))
            problems.Add($"{Section}:Scalar must be F32, F16 or I8.");
        return problems;
    }
}
