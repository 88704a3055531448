using System.Runtime.InteropServices;

namespace Relay.Media.Transport.Linux;

/// <summary>
/// The few Linux calls the batched receive loop needs, with the x86-64/arm64 layouts of their
/// structures (LP64: pointers and size_t are 8 bytes; the compiler's padding matches glibc's).
/// </summary>
internal static unsafe partial class LinuxSocketInterop
{
    public const int MsgDontWait = 0x40;
    public const short PollIn = 0x1;
    public const int EAgain = 11;
    public const int EIntr = 4;
    public const int EfdCloexec = 0x80000;
    public const int EfdNonblock = 0x800;
    public const int EIo = 5;
    public const int SolUdp = 17;
    public const int UdpSegment = 103;

    /// <summary><c>CMSG_SPACE(sizeof(uint16_t))</c>: a 16-byte <c>cmsghdr</c> and its data, padded to 8.</summary>
    public const int SegmentControlSize = 24;

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MessageHeader
    {
        public byte* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public byte* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary><c>struct mmsghdr</c>: one message of a recvmmsg/sendmmsg batch and its length.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MultiMessage
    {
        public MessageHeader Header;
        public uint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct ControlMessageHeader
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int ReceiveMessages(int socket, MultiMessage* messages, uint count, int flags, TimeSpec* timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMessages(int socket, MultiMessage* messages, uint count, int flags);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSocketOption(int socket, int level, int name, void* value, uint* length);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
    public static partial int Sleep(TimeSpec* duration, TimeSpec* remaining);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int CreateEvent(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int descriptor, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int descriptor);
}
