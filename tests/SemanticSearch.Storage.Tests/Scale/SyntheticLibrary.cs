using SemanticSearch.Core.Catalog;
using SemanticSearch.Core.Embeddings;

namespace SemanticSearch.Storage.Tests.Scale;

/// <summary>
/// A photo library of <c>count</c> catalog rows with clustered unit embeddings: 50 folders, three formats and dates
/// taken spread over 20 years, so folder, format and date filters each select a known share.
/// </summary>
internal sealed class SyntheticLibrary
{
    public const int Folders = 50;
    public static readonly string[] Formats = ["jpeg", "png", "webp"];
    public static readonly DateTimeOffset FirstDay = new(2005, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public SyntheticLibrary(long sourceId, int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, 400).Select(_ => Unit(random, dimension)).ToArray();
        Images = new EmbeddedImage[count];
        for (var i = 0; i < count; i++)
        {
            // A cluster centre plus noise of a similar size: neighbours are close but not trivially separated.
            var centre = centres[random.Next(centres.Length)];
            var vector = new float[dimension];
            for (var d = 0; d < dimension; d++)
                vector[d] = centre[d] + (float)(Gaussian(random) * 0.08);
            VectorMath.NormalizeInPlace(vector);
            Images[i] = new EmbeddedImage
            {
                SourceId = sourceId,
                Location = $"{Root}folder-{i % Folders:D2}/photo-{i:D6}.jpg",
                Size = 1000 + i,
                Modified = FirstDay.AddDays(i % 7300),
                ContentHash = i.ToString("x16"),
                Width = 640,
                Height = 480,
                Format = Formats[i / Folders % Formats.Length],
                DateTaken = FirstDay.AddDays(random.Next(7300)),
                Embedding = vector,
            };
        }
    }

    public const string Root = "/library/";

    public EmbeddedImage[] Images { get; }

    private static float[] Unit(Random random, int dimension)
    {
        var vector = new float[dimension];
        for (var d = 0; d < dimension; d++)
            vector[d] = (float)Gaussian(random);
        VectorMath.NormalizeInPlace(vector);
        return vector;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
