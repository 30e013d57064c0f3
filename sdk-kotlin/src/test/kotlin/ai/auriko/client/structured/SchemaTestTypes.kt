package ai.auriko.client.structured

import kotlin.jvm.JvmInline
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonClassDiscriminator

// The types the golden schemas are generated from (SchemaGoldenSpec). Each exercises one part of
// the mapping; a change in what a type generates shows as a golden-file diff in review.

/** Primitives and a class description. */
@Serializable
@SchemaDescription("Today's weather in one city")
class Weather(
    val city: String,
    @SchemaDescription("Degrees Celsius") val temperature: Double,
    val humidity: Int,
    val raining: Boolean,
)

/** Every primitive kind, and the unsigned types. */
@Serializable
class Primitives(
    val text: String,
    val letter: Char,
    val flag: Boolean,
    val tiny: Byte,
    val small: Short,
    val count: Int,
    val big: Long,
    val ratio: Float,
    val precise: Double,
    val ubyte: UByte,
    val ushort: UShort,
    val uint: UInt,
    val ulong: ULong,
)

@Serializable class Address(val street: String, val city: String, val postcode: String)

@Serializable class Customer(val name: String, val address: Address)

@Serializable class OrderLine(val sku: String, val quantity: Int)

/** Nested objects, each used once: inline. */
@Serializable class Order(val id: String, val customer: Customer, val lines: List<OrderLine>)

@Serializable
enum class Priority {
    LOW,
    @SerialName("normal") NORMAL,
    @SerialName("urgent!") URGENT,
}

/** Enums, with serial names. */
@Serializable class Ticket(val title: String, val priority: Priority, val labels: List<Priority>)

/** Nullable fields of every kind. */
@Serializable
class Profile(
    val name: String,
    val nickname: String?,
    val age: Int?,
    val address: Address?,
    val priority: Priority?,
    val tags: List<String>?,
    val scores: List<Double?>,
)

/** Lists, sets and arrays, nested. */
@Serializable
class Matrix(
    val rows: List<List<Double>>,
    val names: Set<String>,
    @Suppress("ArrayInDataClass") val ids: IntArray,
    val cells: Array<String>,
)

@Serializable
sealed class Shape {
    @Serializable @SerialName("circle") class Circle(val radius: Double) : Shape()

    @Serializable
    @SerialName("rectangle")
    class Rectangle(val width: Double, val height: Double) : Shape()

    @Serializable @SerialName("empty") object Empty : Shape()
}

/** A sealed hierarchy (used once: an inline anyOf), with a class and an object subclass. */
@Serializable class Drawing(val title: String, val shapes: List<Shape>)

/** @SerialName on the class and on properties. */
@Serializable
@SerialName("renamed_thing")
class Renamed(
    @SerialName("display_name") val displayName: String,
    @SerialName("created_at") val createdAt: Long,
)

@Serializable
@SchemaDescription("How sure the forecaster is")
enum class Confidence {
    LOW,
    HIGH,
}

@Serializable
@JvmInline
@SchemaDescription("Millimetres of rain")
value class Millimetres(val value: Double)

@Serializable
@SchemaDescription("One day of a forecast")
class Day(
    @SchemaDescription("ISO date, like 2026-12-07") val date: String,
    val rain: Millimetres,
    @SchemaDescription("Rain expected, in mm") val expected: Millimetres,
)

/** Descriptions on classes, properties, an enum and a value class; a property's wins. */
@Serializable
@SchemaDescription("A forecast for several days")
class DescribedForecast(
    val days: List<Day>,
    val confidence: Confidence,
    @SchemaDescription("Overall confidence; null when unknown") val overall: Confidence?,
    @SchemaDescription("The first day, again") val first: Day?,
)

/** Recursion through the root: `$ref: "#"`. */
@Serializable class TreeNode(val label: String, val children: List<TreeNode>)

@Serializable
sealed class Expr {
    @Serializable @SerialName("num") class Num(val value: Double) : Expr()

    @Serializable @SerialName("add") class Add(val left: Expr, val right: Expr) : Expr()

    @Serializable @SerialName("neg") class Neg(val operand: Expr) : Expr()
}

/** A recursive sealed hierarchy below the root: in `$defs`. */
@Serializable class Calculation(val description: String, val expression: Expr)

/** A class used several times: once in `$defs`. */
@Serializable
class Route(val from: Address, val to: Address, val stops: List<Address>, val via: Address?)

@Serializable @JvmInline value class Cents(val amount: Long)

@Serializable @JvmInline value class CurrencyCode(val code: String)

/** Value classes are their underlying value. */
@Serializable
class Payment(
    val amount: Cents,
    val currency: CurrencyCode,
    val refund: Cents?,
    val history: List<Cents>,
)

/** Defaults: still required, with their own type (see JsonSchema.of). */
@Serializable
class Settings(
    val theme: String = "dark",
    val fontSize: Int = 12,
    val nickname: String? = null,
    val tags: List<String> = emptyList(),
    val priority: Priority = Priority.NORMAL,
)

@OptIn(ExperimentalSerializationApi::class)
@Serializable
@JsonClassDiscriminator("kind")
sealed class Event {
    @Serializable @SerialName("click") class Click(val x: Int, val y: Int) : Event()

    @Serializable @SerialName("key") class Key(val key: String, val shift: Boolean) : Event()
}

/** A custom class discriminator (@JsonClassDiscriminator). */
@Serializable class EventLog(val events: List<Event>)

@Serializable sealed interface Animal

@Serializable sealed class Bird : Animal

@Serializable @SerialName("parrot") class Parrot(val words: Int) : Bird()

@Serializable @SerialName("penguin") class Penguin(val colony: String) : Bird()

@Serializable @SerialName("dog") class Dog(val good: Boolean) : Animal

/** A sealed interface with a nested sealed class: the leaves, flattened. */
@Serializable class Zoo(val animals: List<Animal>)

@Serializable
sealed class Attachment {
    @Serializable @SerialName("image") class Image(val url: String) : Attachment()

    @Serializable @SerialName("file") class File(val name: String, val bytes: Long) : Attachment()
}

/** A nullable sealed type: its anyOf gains a null option. */
@Serializable class Message(val text: String, val attachment: Attachment?)

@Serializable
sealed class Status {
    @Serializable @SerialName("active") object Active : Status()

    @Serializable @SerialName("inactive") object Inactive : Status()
}

@Serializable object Marker

/** Objects: as a property and as sealed subclasses. */
@Serializable class Account(val id: String, val status: Status, val marker: Marker)

@Serializable class Page<T>(val items: List<T>, val next: String?)

@Serializable class User(val name: String)

/** Generic classes: one serial name, two types, two definitions. */
@Serializable
class Directory(
    val users: Page<User>,
    val moreUsers: Page<User>,
    val orders: Page<OrderLine>,
    val moreOrders: Page<OrderLine>,
)

/** A sealed subclass used directly too: without the discriminator there, with it in the anyOf. */
@Serializable
class Favourites(val favourite: Shape.Circle, val others: List<Shape>, val more: List<Shape>)

/** Lists of nullable enums and objects. */
@Serializable class Survey(val answers: List<Priority?>, val people: List<User?>)

object TimestampSerializer : KSerializer<Timestamp> {
    override val descriptor = PrimitiveSerialDescriptor("Timestamp", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: Timestamp) = encoder.encodeString(value.iso)

    override fun deserialize(decoder: Decoder): Timestamp = Timestamp(decoder.decodeString())
}

@Serializable(with = TimestampSerializer::class) class Timestamp(val iso: String)

/** A custom serializer with a primitive descriptor is that primitive. */
@Serializable class Meeting(val title: String, val at: Timestamp, val end: Timestamp?)

@Serializable @JvmInline value class MaybeText(val text: String?)

/** A value class over a nullable value, nullable again: null is admitted once. */
@Serializable class Notes(val first: MaybeText, val second: MaybeText?, val all: List<MaybeText>)
