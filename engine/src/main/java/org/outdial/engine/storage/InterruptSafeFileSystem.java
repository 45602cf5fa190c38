package org.outdial.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Paths;
import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.h2.store.fs.FileUtils;

/**
 * An H2 file system ({@code jdbc:h2:interruptsafe:PATH}) that is the plain disk one, except that a
 * thread interrupt cannot close the database.
 *
 * <p>The JDK closes a {@code FileChannel} when a thread blocked in it is interrupted, for every
 * thread using it, and H2 then closes the whole database. Outdial's writes happen on the threads
 * that commit (H2 runs with {@code WRITE_DELAY=0}, see {@link StorageSettings#connectionUrl()}),
 * and some of those threads get interrupted: Quartz interrupts its scheduler thread when it stops,
 * in the middle of that thread's last commit, and executors interrupt their tasks when they shut
 * down. Here an operation that finds the channel closed under it (interrupted itself, or by
 * another thread's interrupt) opens the file again, takes the file lock again if it held one,
 * repeats the operation (reads and writes are positional, so a repeat is harmless) and gives the
 * thread its interrupt status back. H2's {@code async:} file system avoids the problem too, but
 * sends each write through a thread pool: ADD_NUMBERS took twice as long.
 */
public final class InterruptSafeFileSystem extends FilePathWrapper {

    static final String SCHEME = "interruptsafe";
    private static final int MAX_REOPENS = 16;

    /** Makes {@code jdbc:h2:interruptsafe:...} URLs work in this JVM; idempotent. */
    public static void register() {
        FilePath.register(new InterruptSafeFileSystem());
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new InterruptSafeFile(name.substring(SCHEME.length() + 1), mode);
    }

    /** One open database file. */
    static final class InterruptSafeFile extends FileBaseDefault {

        @FunctionalInterface
        private interface Io<T> {
            T run(FileChannel channel) throws IOException;
        }

        private final String fileName;
        private final String mode;
        private volatile FileChannel channel;
        private volatile boolean closing;
        /** The lock H2 holds on the file, with what it asked for, to take it again after a reopen. */
        private FileLock lock;
        private long lockPosition;
        private long lockSize;
        private boolean lockShared;

        InterruptSafeFile(String fileName, String mode) throws IOException {
            this.fileName = fileName;
            this.mode = mode;
            this.channel = openChannel();
        }

        private FileChannel openChannel() throws IOException {
            return FileChannel.open(Paths.get(fileName), FileUtils.modeToOptions(mode), FileUtils.NO_ATTRIBUTES);
        }

        private <T> T io(Io<T> operation) throws IOException {
            boolean interrupted = false;
            try {
                for (int reopens = 0; ; reopens++) {
                    FileChannel current = channel;
                    try {
                        return operation.run(current);
                    } catch (ClosedChannelException e) {
                        // ClosedByInterruptException (this thread) or AsynchronousCloseException (another's).
                        if (closing || reopens >= MAX_REOPENS) {
                            throw e;
                        }
                        interrupted |= Thread.interrupted();
                        reopen(current);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private synchronized void reopen(FileChannel broken) throws IOException {
            if (channel != broken) {
                return; // another thread has reopened it already
            }
            FileChannel fresh = openChannel();
            if (lock != null) {
                FileLock again = fresh.tryLock(lockPosition, lockSize, lockShared);
                if (again == null) {
                    fresh.close();
                    throw new IOException("could not lock " + fileName + " again after an interrupt closed it");
                }
                lock = again;
            }
            channel = fresh;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            int start = dst.position();
            return io(c -> {
                dst.position(start);
                return c.read(dst, position);
            });
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int start = src.position();
            return io(c -> {
                src.position(start);
                return c.write(src, position);
            });
        }

        @Override
        public long size() throws IOException {
            return io(FileChannel::size);
        }

        @Override
        protected void implTruncate(long newLength) throws IOException {
            io(c -> c.truncate(newLength));
        }

        @Override
        public void force(boolean metaData) throws IOException {
            io(c -> {
                c.force(metaData);
                return null;
            });
        }

        /**
         * The lock comes back as a {@link FileLock} of this file, not of the channel beneath, so
         * that H2's {@code release()} at close reaches the lock taken again after a reopen.
         */
        @Override
        public synchronized FileLock tryLock(long position, long size, boolean shared) throws IOException {
            FileLock taken = io(c -> c.tryLock(position, size, shared));
            if (taken == null) {
                return null;
            }
            lock = taken;
            lockPosition = position;
            lockSize = size;
            lockShared = shared;
            return new FileLock(this, position, size, shared) {
                @Override
                public boolean isValid() {
                    FileLock current = lock;
                    return current != null && current.isValid();
                }

                @Override
                public void release() throws IOException {
                    synchronized (InterruptSafeFile.this) {
                        if (lock != null && lock.channel().isOpen()) {
                            lock.release();
                        }
                        lock = null;
                    }
                }
            };
        }

        @Override
        protected void implCloseChannel() throws IOException {
            closing = true;
            channel.close();
        }

        @Override
        public String toString() {
            return SCHEME + ":" + fileName;
        }
    }
}
