namespace SemanticSearch.Bench.Vectors;

/// <summary>Normal random values for the synthetic generators.</summary>
internal static class Gaussian
{
    /// <summary>values[i] = N(0, 1) · deviations[i] · scale.</summary>
    public static void Fill(Random random, Span<float> values, ReadOnlySpan<float> deviations, float scale)
    {
        for (var i = 0; i < values.Length; i += 2)
        {
            // Box-Muller: two independent normal values per pair of uniforms.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var r = Math.Sqrt(-2.0 * Math.Log(u1)) * scale;
            values[i] = (float)(r * Math.Cos(2 * Math.PI * u2)) * deviations[i];
            if (i + 1 < values.Length)
                values[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2)) * deviations[i + 1];
        }
    }
}
