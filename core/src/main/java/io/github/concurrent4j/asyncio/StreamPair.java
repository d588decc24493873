package io.github.concurrent4j.asyncio;

/**
 * The equivalent of the {@code (reader, writer)} pair that Python's {@code asyncio.open_connection}
 * returns.
 *
 * @param reader the connection's reading side
 * @param writer the connection's writing side
 */
public record StreamPair(StreamReader reader, StreamWriter writer) {}
