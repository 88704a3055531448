using System.Net;
using System.Runtime.InteropServices;

namespace Relay.Media.Transport.Linux;

/// <summary>
/// A fixed array of <c>mmsghdr</c> slots in native memory, each with its own data buffer and
/// address, for recvmmsg and sendmmsg. Allocated once per socket, so a batch costs no allocation.
/// </summary>
internal sealed unsafe class MessageBatch : IDisposable
{
    /// <summary>Room for a <c>sockaddr_in6</c> (28 bytes), the largest address a dual-mode socket sees.</summary>
    public const int NameCapacity = 32;

    private readonly byte* _data;
    private readonly byte* _names;
    private readonly LinuxSocketInterop.IoVector* _vectors;
    private bool _disposed;

    public MessageBatch(int capacity, int slotSize)
    {
        Capacity = capacity;
        SlotSize = slotSize;
        _data = (byte*)NativeMemory.Alloc((nuint)(capacity * slotSize));
        _names = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * NameCapacity));
        _vectors = (LinuxSocketInterop.IoVector*)NativeMemory.AllocZeroed((nuint)(capacity * sizeof(LinuxSocketInterop.IoVector)));
        Messages = (LinuxSocketInterop.MultiMessage*)NativeMemory.AllocZeroed((nuint)(capacity * sizeof(LinuxSocketInterop.MultiMessage)));
        for (var i = 0; i < capacity; i++)
        {
            _vectors[i].Base = _data + (i * slotSize);
            _vectors[i].Length = (nuint)slotSize;
            Messages[i].Header.Name = _names + (i * NameCapacity);
            Messages[i].Header.NameLength = NameCapacity;
            Messages[i].Header.Vectors = _vectors + i;
            Messages[i].Header.VectorCount = 1;
        }
    }

    public int Capacity { get; }

    public int SlotSize { get; }

    public LinuxSocketInterop.MultiMessage* Messages { get; }

    /// <summary>Slot <paramref name="index"/>'s data vector; the vectors of consecutive slots are adjacent.</summary>
    public LinuxSocketInterop.IoVector* Vector(int index) => _vectors + index;

    /// <summary>Whether two filled slots go to the same address.</summary>
    public bool SameName(int first, int second)
    {
        var a = Messages[first].Header;
        var b = Messages[second].Header;
        return a.NameLength == b.NameLength
            && new ReadOnlySpan<byte>(a.Name, (int)a.NameLength).SequenceEqual(new ReadOnlySpan<byte>(b.Name, (int)b.NameLength));
    }

    /// <summary>The bytes recvmmsg wrote into slot <paramref name="index"/>.</summary>
    public Span<byte> Received(int index) => new(_data + (index * SlotSize), (int)Messages[index].Length);

    /// <summary>Copies the sender's address of slot <paramref name="index"/> into <paramref name="remote"/>.</summary>
    public void CopyNameTo(int index, SocketAddress remote)
    {
        var length = (int)Messages[index].Header.NameLength;
        new ReadOnlySpan<byte>(Messages[index].Header.Name, length).CopyTo(remote.Buffer.Span);
        remote.Size = length;
    }

    /// <summary>The kernel shortens each slot's address length to what it wrote; a receive needs the full room again.</summary>
    public void ResetNames(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Messages[i].Header.NameLength = NameCapacity;
        }
    }

    /// <summary>Fills slot <paramref name="index"/> for sendmmsg; false if the datagram or address does not fit.</summary>
    public bool TrySet(int index, ReadOnlySpan<byte> datagram, SocketAddress remote)
    {
        if (datagram.Length > SlotSize || remote.Size > NameCapacity)
        {
            return false;
        }

        datagram.CopyTo(new Span<byte>(_vectors[index].Base, SlotSize));
        _vectors[index].Length = (nuint)datagram.Length;
        remote.Buffer.Span[..remote.Size].CopyTo(new Span<byte>(Messages[index].Header.Name, NameCapacity));
        Messages[index].Header.NameLength = (uint)remote.Size;
        return true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMemory.Free(_data);
        NativeMemory.Free(_names);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(Messages);
    }
}
