namespace SemanticSearch.Imaging.Tests;

/// <summary>tests/fixtures/preprocess/manifest.json, written by tools/preprocess/make_reference.py.</summary>
internal sealed record ReferenceManifest(string Pillow, float[] Mean, float[] Std, TensorReference[] Tensors, ResizeReference[] Resizes)
{
    public TensorReference Tensor(string image, int size) => Tensors.Single(t => t.Image == image && t.Size == size);
}
