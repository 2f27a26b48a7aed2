using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SemanticSearch.Storage.Index;

/// <summary>
/// Inner-product distances (1 − a·b) that USearch calls back for every comparison of the graph walk, in place of its
/// bundled NumKong kernels. On x86 without AVX-512 NumKong's f32 dot product widens every component to double and
/// chains one 4-lane multiply-add after the other, which made two thirds of all query time (perf, bench ann); these
/// accumulate in single precision over four independent 8-lane sums, as hnswlib does, at a cost in the last bits only.
/// The f16 variant widens halves to floats with integer operations (no F16C in .NET), exactly for every finite value.
/// The state argument carries the dimension. They run inside native code and must not throw.
/// </summary>
internal static unsafe class InnerProductKernel
{
    private const float TwoTo112 = 5.192296858534828e33f;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static float F32(nint a, nint b, nint dimension) => 1f - DotF32((float*)a, (float*)b, (int)dimension);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static float F16(nint a, nint b, nint dimension) => 1f - DotF16((ushort*)a, (ushort*)b, (int)dimension);

    /// <summary>The kernels' dot products over spans of equal length (for tests and callers without pointers).</summary>
    public static float DotF32(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        fixed (float* pa = a, pb = b)
            return DotF32(pa, pb, Math.Min(a.Length, b.Length));
    }

    /// <inheritdoc cref="DotF32(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    public static float DotF16(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        fixed (ushort* pa = a, pb = b)
            return DotF16(pa, pb, Math.Min(a.Length, b.Length));
    }

    public static float DotF32(float* a, float* b, int n)
    {
        var i = 0;
        var (s0, s1, s2, s3) = (Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero);
        for (; i <= n - 32; i += 32)
        {
            s0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 8), Vector256.Load(b + i + 8), s1);
            s2 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 16), Vector256.Load(b + i + 16), s2);
            s3 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 24), Vector256.Load(b + i + 24), s3);
        }
        for (; i <= n - 8; i += 8)
            s0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), s0);
        var sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        for (; i < n; i++)
            sum += a[i] * b[i];
        return sum;
    }

    public static float DotF16(ushort* a, ushort* b, int n)
    {
        var i = 0;
        var (s0, s1) = (Vector256<float>.Zero, Vector256<float>.Zero);
        for (; i <= n - 16; i += 16)
        {
            s0 = Vector256.FusedMultiplyAdd(Widen(a + i), Widen(b + i), s0);
            s1 = Vector256.FusedMultiplyAdd(Widen(a + i + 8), Widen(b + i + 8), s1);
        }
        for (; i <= n - 8; i += 8)
            s0 = Vector256.FusedMultiplyAdd(Widen(a + i), Widen(b + i), s0);
        var sum = Vector256.Sum(s0 + s1);
        for (; i < n; i++)
            sum += (float)BitConverter.UInt16BitsToHalf(a[i]) * (float)BitConverter.UInt16BitsToHalf(b[i]);
        return sum;
    }

    /// <summary>
    /// Eight halves to floats: the exponent and mantissa bits moved into place and rescaled by 2^112 (the difference
    /// of the exponent biases), which also turns subnormal halves into the right normal floats; the sign copied over.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Widen(ushort* halves)
    {
        var bits = Vector128.Load(halves);
        var wide = Vector256.Create(Vector128.WidenLower(bits), Vector128.WidenUpper(bits));
        var magnitude = Vector256.ShiftLeft(wide & Vector256.Create(0x7FFFu), 13).AsSingle() * Vector256.Create(TwoTo112);
        var sign = Vector256.ShiftLeft(wide & Vector256.Create(0x8000u), 16);
        return (magnitude.AsUInt32() | sign).AsSingle();
    }
}
