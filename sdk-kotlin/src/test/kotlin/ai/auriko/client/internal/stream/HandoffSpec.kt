package ai.auriko.client.internal.stream

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference
import kotlin.concurrent.thread
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest

/**
 * The hand-off between a stream's producing coroutine and the blocking consumer thread of the Java
 * iterator: order, batching by demand, the capacity bound, the end after the items, closing, and
 * interruption. Threads are real where the property is about threads; waits are on latches and
 * joins with deadlines, never sleeps.
 */
class HandoffSpec :
    FunSpec({
        /** Waits (bounded) until [t] is parked: the only way to see "blocked in take()". */
        fun awaitParked(t: Thread) {
            val deadline = System.nanoTime() + 10_000_000_000L
            while (t.state != Thread.State.WAITING && t.state != Thread.State.TIMED_WAITING) {
                check(t.isAlive) { "the thread ended instead of waiting" }
                check(System.nanoTime() < deadline) { "the thread never waited: ${t.state}" }
                Thread.onSpinWait()
            }
        }

        fun Thread.joinOrFail(millis: Long = 10_000) {
            join(millis)
            withClue("thread $name still running: ${stackTrace.joinToString("\n")}") {
                isAlive.shouldBeFalse()
            }
        }

        fun <T : Any> Handoff<T>.items(): List<T> =
            take().shouldBeInstanceOf<Handoff.Taken.Items<T>>().items

        test("order: 100,000 items from a producer thread reach a consumer thread in order") {
            val count = 100_000
            for (capacity in listOf(1, 7, 256)) {
                val handoff = Handoff<Int>(capacity)
                val received = ArrayList<Int>(count)
                val batches = AtomicInteger()
                val end = AtomicReference<Handoff.Taken.Ended?>()
                val failure = AtomicReference<Throwable?>()
                val consumer =
                    thread(name = "consumer-$capacity") {
                        try {
                            while (true) {
                                when (val taken = handoff.take()) {
                                    is Handoff.Taken.Items -> {
                                        taken.items.isEmpty().shouldBeFalse()
                                        received.addAll(taken.items)
                                        batches.incrementAndGet()
                                    }
                                    is Handoff.Taken.Ended -> {
                                        end.set(taken)
                                        break
                                    }
                                }
                            }
                        } catch (t: Throwable) {
                            failure.set(t)
                        }
                    }
                val producer =
                    thread(name = "producer-$capacity") {
                        runBlocking {
                            for (i in 0 until count) handoff.put(i)
                            handoff.finish(null)
                        }
                    }
                producer.joinOrFail(60_000)
                consumer.joinOrFail(60_000)
                failure.get().shouldBeNull()
                withClue("capacity $capacity") {
                    end.get().shouldNotBeNull().cause.shouldBeNull()
                    received.size shouldBe count
                    for (i in 0 until count) if (received[i] != i) received[i] shouldBe i
                    batches.get() shouldBeGreaterThan 0
                }
            }
        }

        test("batching: items put while the consumer was busy arrive in one Items") {
            val handoff = Handoff<String>(256)
            runBlocking { handoff.put("first") }
            handoff.items() shouldBe listOf("first")

            // The consumer is busy (not in take()): everything put meanwhile waits as one batch.
            runBlocking { for (s in listOf("a", "b", "c", "d", "e")) handoff.put(s) }
            handoff.items() shouldBe listOf("a", "b", "c", "d", "e")

            // The same across threads: this thread consumes, takes one batch, then is busy while
            // a producer thread puts 50 more.
            val threaded = Handoff<Int>(256)
            val tookFirst = CountDownLatch(1)
            val putAll = CountDownLatch(1)
            val producer = thread {
                runBlocking {
                    threaded.put(0)
                    tookFirst.await()
                    for (i in 1..50) threaded.put(i)
                    threaded.finish(null)
                    putAll.countDown()
                }
            }
            threaded.items() shouldBe listOf(0)
            tookFirst.countDown()
            putAll.await(10, TimeUnit.SECONDS).shouldBeTrue()
            threaded.items() shouldBe (1..50).toList()
            threaded.take().shouldBeInstanceOf<Handoff.Taken.Ended>().cause.shouldBeNull()
            producer.joinOrFail()
        }

        test("capacity: the producer suspends at capacity and resumes after a take") {
            runTest {
                val capacity = 3
                val handoff = Handoff<Int>(capacity)
                var attempted = 0
                var returned = 0
                val producer = launch {
                    for (i in 1..10) {
                        attempted = i
                        handoff.put(i)
                        returned = i
                    }
                }
                runCurrent()
                // The producer ran until the hand-off was full and is now suspended in put().
                producer.isActive.shouldBeTrue()
                withClue("attempted $attempted, returned $returned") {
                    (returned < attempted).shouldBeTrue()
                    attempted shouldBeLessThan capacity + 2
                }
                val before = returned
                runCurrent()
                returned shouldBe before // nothing frees space but a take

                handoff.items() shouldBe (1..capacity).toList()
                runCurrent()
                returned shouldBeGreaterThan before

                // And so on to the end: each take frees the producer for another batch.
                val all = (1..capacity).toMutableList()
                while (producer.isActive) {
                    all += handoff.items()
                    runCurrent()
                }
                handoff.finish(null)
                while (true) {
                    when (val taken = handoff.take()) {
                        is Handoff.Taken.Items -> all += taken.items
                        is Handoff.Taken.Ended -> break
                    }
                }
                all shouldBe (1..10).toList()
            }
        }

        test("finish(e) arrives after every item put before it; only the first end counts") {
            val handoff = Handoff<Int>(16)
            val cause = IllegalStateException("boom")
            runBlocking { for (i in 1..3) handoff.put(i) }
            handoff.finish(cause)
            handoff.finish(null)
            handoff.finish(RuntimeException("later"))
            handoff.items() shouldBe listOf(1, 2, 3)
            handoff.take().shouldBeInstanceOf<Handoff.Taken.Ended>().cause shouldBeSameInstanceAs
                cause
            // The end stays the end.
            handoff.take().shouldBeInstanceOf<Handoff.Taken.Ended>().cause shouldBeSameInstanceAs
                cause
        }

        test("finish(null) wakes a consumer blocked in take() on another thread") {
            val handoff = Handoff<Int>(16)
            val taken = AtomicReference<Handoff.Taken<Int>>()
            val consumer = thread { taken.set(handoff.take()) }
            awaitParked(consumer)
            handoff.finish(null)
            consumer.joinOrFail()
            taken.get().shouldBeInstanceOf<Handoff.Taken.Ended>().cause.shouldBeNull()
        }

        test("a put wakes a consumer blocked in take() on another thread") {
            val handoff = Handoff<Int>(16)
            val taken = AtomicReference<Handoff.Taken<Int>>()
            val consumer = thread { taken.set(handoff.take()) }
            awaitParked(consumer)
            runBlocking { handoff.put(42) }
            consumer.joinOrFail()
            taken.get().shouldBeInstanceOf<Handoff.Taken.Items<Int>>().items shouldBe listOf(42)
        }

        test("close drops the items that wait, and ends before a finish") {
            val handoff = Handoff<Int>(16)
            val cause = RuntimeException("closed")
            runBlocking { for (i in 1..5) handoff.put(i) }
            handoff.finish(null)
            handoff.close(cause)
            handoff.take().shouldBeInstanceOf<Handoff.Taken.Ended>().cause shouldBeSameInstanceAs
                cause
            handoff.take().shouldBeInstanceOf<Handoff.Taken.Ended>().cause shouldBeSameInstanceAs
                cause
        }

        test("close wakes a take() blocked on another thread") {
            val handoff = Handoff<Int>(16)
            val cause = RuntimeException("closed")
            val taken = AtomicReference<Handoff.Taken<Int>>()
            val consumer = thread { taken.set(handoff.take()) }
            awaitParked(consumer)
            handoff.close(cause)
            consumer.joinOrFail()
            taken.get().shouldBeInstanceOf<Handoff.Taken.Ended>().cause shouldBeSameInstanceAs cause
        }

        test("close releases a producer suspended at capacity; puts after close are ignored") {
            runTest {
                val handoff = Handoff<Int>(1)
                var returned = 0
                val producer = launch {
                    handoff.put(1)
                    returned = 1
                }
                runCurrent()
                producer.isActive.shouldBeTrue()
                returned shouldBe 0

                val cause = RuntimeException("closed")
                handoff.close(cause)
                runCurrent()
                producer.isCompleted.shouldBeTrue()
                returned shouldBe 1

                // Ignored, and never suspends though the capacity is 1.
                for (i in 2..100) handoff.put(i)
                handoff.finish(null)
                handoff
                    .take()
                    .shouldBeInstanceOf<Handoff.Taken.Ended>()
                    .cause shouldBeSameInstanceAs cause
            }
        }

        test("close from another thread releases a producer suspended on a real thread") {
            val handoff = Handoff<Int>(2)
            val full = CountDownLatch(1)
            val done = CountDownLatch(1)
            val producer = thread {
                runBlocking {
                    handoff.put(1)
                    full.countDown()
                    handoff.put(2) // suspends: two items wait
                    done.countDown()
                }
            }
            full.await(10, TimeUnit.SECONDS).shouldBeTrue()
            handoff.close(RuntimeException("closed"))
            done.await(10, TimeUnit.SECONDS).shouldBeTrue()
            producer.joinOrFail()
        }

        test("take() on an interrupted thread throws InterruptedException") {
            val handoff = Handoff<Int>(16)
            val thrown = AtomicReference<Throwable?>()
            val consumer = thread {
                Thread.currentThread().interrupt()
                try {
                    handoff.take()
                } catch (t: Throwable) {
                    thrown.set(t)
                }
            }
            consumer.joinOrFail()
            thrown.get().shouldBeInstanceOf<InterruptedException>()
        }

        test("take() blocked on a thread that is then interrupted throws InterruptedException") {
            val handoff = Handoff<Int>(16)
            val thrown = AtomicReference<Throwable?>()
            val consumer = thread {
                try {
                    handoff.take()
                } catch (t: Throwable) {
                    thrown.set(t)
                }
            }
            awaitParked(consumer)
            consumer.interrupt()
            consumer.joinOrFail()
            thrown.get().shouldBeInstanceOf<InterruptedException>()

            // The hand-off is still whole: what is put next is taken next.
            runBlocking { handoff.put(7) }
            handoff.items() shouldBe listOf(7)
        }

        test("a batch once taken is the taker's: later puts do not change it") {
            val handoff = Handoff<Int>(16)
            runBlocking { handoff.put(1) }
            val first = handoff.items()
            runBlocking { handoff.put(2) }
            first shouldBe listOf(1)
            handoff.items() shouldBe listOf(2)
            first shouldBe listOf(1)
        }
    })
