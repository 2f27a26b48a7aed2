using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SemanticSearch.Imaging;

/// <summary>
/// The two 8-bit convolution passes of Pillow's resampler on packed RGB. The SIMD paths do the same int32
/// multiply-adds in the same order as the scalar ones, so results are identical with or without vector hardware.
/// </summary>
internal static class ResamplePasses
{
    private const int Channels = 3;
    private const int Half = 1 << (ResampleCoefficients.PrecisionBits - 1);

    /// <summary>Source rows [firstRow, firstRow + rowCount) → destination rows 0.., columns as <paramref name="columns"/> says.</summary>
    public static void Horizontal(ReadOnlySpan<byte> pixels, int inStride, int firstRow, int rowCount, ResampleCoefficients columns, Span<byte> destination)
    {
        int outStride = columns.Count * Channels;
        int kernelSize = columns.KernelSize;
        int[] starts = columns.Starts;
        int[] lengths = columns.Lengths;
        ref int weights0 = ref MemoryMarshal.GetArrayDataReference(columns.Weights);
        bool vector = Vector128.IsHardwareAccelerated;

        for (int y = 0; y < rowCount; y++)
        {
            int rowStart = (firstRow + y) * inStride;
            _ = pixels.Slice(rowStart, inStride); // bounds check once per row
            // Bytes readable from the row start: the vector path reads one byte past each pixel it uses.
            int available = pixels.Length - rowStart;
            ref byte row = ref Unsafe.Add(ref MemoryMarshal.GetReference(pixels), rowStart);
            Span<byte> outRow = destination.Slice(y * outStride, outStride);

            for (int x = 0; x < columns.Count; x++)
            {
                int first = starts[x] * Channels;
                int length = lengths[x];
                ref int k = ref Unsafe.Add(ref weights0, x * kernelSize);
                ref byte window = ref Unsafe.Add(ref row, first);
                int o = x * Channels;
                if (vector && first + length * Channels < available)
                {
                    // One pixel per step as (R, G, B, next R) int lanes; the fourth lane is ignored.
                    var sum = Vector128.Create(Half, Half, Half, 0);
                    for (int i = 0; i < length; i++)
                    {
                        uint four = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref window, i * Channels));
                        var px = Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalar(four).AsByte())).AsInt32();
                        sum += px * Vector128.Create(Unsafe.Add(ref k, i));
                    }
                    outRow[o] = Clip(sum.GetElement(0));
                    outRow[o + 1] = Clip(sum.GetElement(1));
                    outRow[o + 2] = Clip(sum.GetElement(2));
                }
                else
                {
                    int r = Half, g = Half, b = Half;
                    for (int i = 0; i < length; i++)
                    {
                        int w = Unsafe.Add(ref k, i);
                        ref byte p = ref Unsafe.Add(ref window, i * Channels);
                        r += p * w;
                        g += Unsafe.Add(ref p, 1) * w;
                        b += Unsafe.Add(ref p, 2) * w;
                    }
                    outRow[o] = Clip(r);
                    outRow[o + 1] = Clip(g);
                    outRow[o + 2] = Clip(b);
                }
            }
        }
    }

    /// <summary>
    /// Rows of <paramref name="input"/> (row 0 is source row <paramref name="rowOffset"/>) → destination rows,
    /// reading <paramref name="regionWidth"/> pixels per row starting at byte <paramref name="columnByteOffset"/>.
    /// </summary>
    public static void Vertical(
        ReadOnlySpan<byte> input, int inStride, int columnByteOffset,
        ResampleCoefficients rows, int rowOffset, int regionWidth, int regionHeight, Span<byte> destination)
    {
        int outStride = regionWidth * Channels;
        int kernelSize = rows.KernelSize;
        ref int weights0 = ref MemoryMarshal.GetArrayDataReference(rows.Weights);
        ref byte input0 = ref MemoryMarshal.GetReference(input);
        bool vector = Vector256.IsHardwareAccelerated;

        for (int y = 0; y < regionHeight; y++)
        {
            int start = rows.Starts[y] - rowOffset;
            int length = rows.Lengths[y];
            ref int k = ref Unsafe.Add(ref weights0, y * kernelSize);
            int firstByte = start * inStride + columnByteOffset;
            // Bounds check the whole window once: first and last row of the taps.
            _ = input.Slice(firstByte, (length - 1) * inStride + outStride);
            ref byte column0 = ref Unsafe.Add(ref input0, firstByte);
            Span<byte> outRow = destination.Slice(y * outStride, outStride);

            int c = 0;
            if (vector)
            {
                // Eight samples per step, all taps accumulated in registers.
                for (; c + 8 <= outStride; c += 8)
                {
                    var sum = Vector256.Create(Half);
                    for (int i = 0; i < length; i++)
                    {
                        ulong eight = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref column0, i * inStride + c));
                        var shorts = Vector128.WidenLower(Vector128.CreateScalar(eight).AsByte());
                        var ints = Vector256.WidenLower(shorts.ToVector256Unsafe()).AsInt32();
                        sum += ints * Vector256.Create(Unsafe.Add(ref k, i));
                    }
                    var clipped = Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(sum, ResampleCoefficients.PrecisionBits), Vector256<int>.Zero), Vector256.Create(255));
                    var narrow = Vector256.Narrow(Vector256.Narrow(clipped, clipped), Vector256<short>.Zero);
                    Unsafe.WriteUnaligned(ref outRow[c], narrow.AsUInt64().GetElement(0));
                }
            }
            for (; c < outStride; c++)
            {
                int sum = Half;
                for (int i = 0; i < length; i++)
                    sum += Unsafe.Add(ref column0, i * inStride + c) * Unsafe.Add(ref k, i);
                outRow[c] = Clip(sum);
            }
        }
    }

    /// <summary>Pillow's clip8: drop the fraction bits (arithmetic shift) and clamp to a byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clip(int value)
    {
        int v = value >> ResampleCoefficients.PrecisionBits;
        return (byte)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}
