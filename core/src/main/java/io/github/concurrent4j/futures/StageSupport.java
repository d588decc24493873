package io.github.concurrent4j.futures;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link CompletionStage} side of {@link FutureImpl}: every stage method delegates to a
 * {@link CompletableFuture} that mirrors the future and is made only when a stage method is
 * first called, so that a future used the Python way (submit, result, callbacks) never pays for
 * one. Dependent stages are the JDK's own; {@link #toCompletableFuture()} returns a copy, so
 * completing it cannot complete this future.
 */
abstract class StageSupport<V> implements CompletionStage<V> {

    /** The mirror, completed (by a done callback) as this future is. */
    abstract CompletableFuture<V> stage();

    @Override
    public final <U> CompletionStage<U> thenApply(Function<? super V, ? extends U> fn) {
        return stage().thenApply(fn);
    }

    @Override
    public final <U> CompletionStage<U> thenApplyAsync(Function<? super V, ? extends U> fn) {
        return stage().thenApplyAsync(fn);
    }

    @Override
    public final <U> CompletionStage<U> thenApplyAsync(Function<? super V, ? extends U> fn, java.util.concurrent.Executor executor) {
        return stage().thenApplyAsync(fn, executor);
    }

    @Override
    public final CompletionStage<Void> thenAccept(Consumer<? super V> action) {
        return stage().thenAccept(action);
    }

    @Override
    public final CompletionStage<Void> thenAcceptAsync(Consumer<? super V> action) {
        return stage().thenAcceptAsync(action);
    }

    @Override
    public final CompletionStage<Void> thenAcceptAsync(Consumer<? super V> action, java.util.concurrent.Executor executor) {
        return stage().thenAcceptAsync(action, executor);
    }

    @Override
    public final CompletionStage<Void> thenRun(Runnable action) {
        return stage().thenRun(action);
    }

    @Override
    public final CompletionStage<Void> thenRunAsync(Runnable action) {
        return stage().thenRunAsync(action);
    }

    @Override
    public final CompletionStage<Void> thenRunAsync(Runnable action, java.util.concurrent.Executor executor) {
        return stage().thenRunAsync(action, executor);
    }

    @Override
    public final <U, R> CompletionStage<R> thenCombine(CompletionStage<? extends U> other, BiFunction<? super V, ? super U, ? extends R> fn) {
        return stage().thenCombine(other, fn);
    }

    @Override
    public final <U, R> CompletionStage<R> thenCombineAsync(CompletionStage<? extends U> other, BiFunction<? super V, ? super U, ? extends R> fn) {
        return stage().thenCombineAsync(other, fn);
    }

    @Override
    public final <U, R> CompletionStage<R> thenCombineAsync(CompletionStage<? extends U> other, BiFunction<? super V, ? super U, ? extends R> fn, java.util.concurrent.Executor executor) {
        return stage().thenCombineAsync(other, fn, executor);
    }

    @Override
    public final <U> CompletionStage<Void> thenAcceptBoth(CompletionStage<? extends U> other, BiConsumer<? super V, ? super U> action) {
        return stage().thenAcceptBoth(other, action);
    }

    @Override
    public final <U> CompletionStage<Void> thenAcceptBothAsync(CompletionStage<? extends U> other, BiConsumer<? super V, ? super U> action) {
        return stage().thenAcceptBothAsync(other, action);
    }

    @Override
    public final <U> CompletionStage<Void> thenAcceptBothAsync(CompletionStage<? extends U> other, BiConsumer<? super V, ? super U> action, java.util.concurrent.Executor executor) {
        return stage().thenAcceptBothAsync(other, action, executor);
    }

    @Override
    public final CompletionStage<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
        return stage().runAfterBoth(other, action);
    }

    @Override
    public final CompletionStage<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action) {
        return stage().runAfterBothAsync(other, action);
    }

    @Override
    public final CompletionStage<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action, java.util.concurrent.Executor executor) {
        return stage().runAfterBothAsync(other, action, executor);
    }

    @Override
    public final <U> CompletionStage<U> applyToEither(CompletionStage<? extends V> other, Function<? super V, U> fn) {
        return stage().applyToEither(other, fn);
    }

    @Override
    public final <U> CompletionStage<U> applyToEitherAsync(CompletionStage<? extends V> other, Function<? super V, U> fn) {
        return stage().applyToEitherAsync(other, fn);
    }

    @Override
    public final <U> CompletionStage<U> applyToEitherAsync(CompletionStage<? extends V> other, Function<? super V, U> fn, java.util.concurrent.Executor executor) {
        return stage().applyToEitherAsync(other, fn, executor);
    }

    @Override
    public final CompletionStage<Void> acceptEither(CompletionStage<? extends V> other, Consumer<? super V> action) {
        return stage().acceptEither(other, action);
    }

    @Override
    public final CompletionStage<Void> acceptEitherAsync(CompletionStage<? extends V> other, Consumer<? super V> action) {
        return stage().acceptEitherAsync(other, action);
    }

    @Override
    public final CompletionStage<Void> acceptEitherAsync(CompletionStage<? extends V> other, Consumer<? super V> action, java.util.concurrent.Executor executor) {
        return stage().acceptEitherAsync(other, action, executor);
    }

    @Override
    public final CompletionStage<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
        return stage().runAfterEither(other, action);
    }

    @Override
    public final CompletionStage<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action) {
        return stage().runAfterEitherAsync(other, action);
    }

    @Override
    public final CompletionStage<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action, java.util.concurrent.Executor executor) {
        return stage().runAfterEitherAsync(other, action, executor);
    }

    @Override
    public final <U> CompletionStage<U> thenCompose(Function<? super V, ? extends CompletionStage<U>> fn) {
        return stage().thenCompose(fn);
    }

    @Override
    public final <U> CompletionStage<U> thenComposeAsync(Function<? super V, ? extends CompletionStage<U>> fn) {
        return stage().thenComposeAsync(fn);
    }

    @Override
    public final <U> CompletionStage<U> thenComposeAsync(Function<? super V, ? extends CompletionStage<U>> fn, java.util.concurrent.Executor executor) {
        return stage().thenComposeAsync(fn, executor);
    }

    @Override
    public final <U> CompletionStage<U> handle(BiFunction<? super V, Throwable, ? extends U> fn) {
        return stage().handle(fn);
    }

    @Override
    public final <U> CompletionStage<U> handleAsync(BiFunction<? super V, Throwable, ? extends U> fn) {
        return stage().handleAsync(fn);
    }

    @Override
    public final <U> CompletionStage<U> handleAsync(BiFunction<? super V, Throwable, ? extends U> fn, java.util.concurrent.Executor executor) {
        return stage().handleAsync(fn, executor);
    }

    @Override
    public final CompletionStage<V> whenComplete(BiConsumer<? super V, ? super Throwable> action) {
        return stage().whenComplete(action);
    }

    @Override
    public final CompletionStage<V> whenCompleteAsync(BiConsumer<? super V, ? super Throwable> action) {
        return stage().whenCompleteAsync(action);
    }

    @Override
    public final CompletionStage<V> whenCompleteAsync(BiConsumer<? super V, ? super Throwable> action, java.util.concurrent.Executor executor) {
        return stage().whenCompleteAsync(action, executor);
    }

    @Override
    public final CompletionStage<V> exceptionallyCompose(Function<Throwable, ? extends CompletionStage<V>> fn) {
        return stage().exceptionallyCompose(fn);
    }

    @Override
    public final CompletionStage<V> exceptionallyComposeAsync(Function<Throwable, ? extends CompletionStage<V>> fn) {
        return stage().exceptionallyComposeAsync(fn);
    }

    @Override
    public final CompletionStage<V> exceptionallyComposeAsync(Function<Throwable, ? extends CompletionStage<V>> fn, java.util.concurrent.Executor executor) {
        return stage().exceptionallyComposeAsync(fn, executor);
    }

    @Override
    public final CompletionStage<V> exceptionally(Function<Throwable, ? extends V> fn) {
        return stage().exceptionally(fn);
    }

    @Override
    public final CompletionStage<V> exceptionallyAsync(Function<Throwable, ? extends V> fn) {
        return stage().exceptionallyAsync(fn);
    }

    @Override
    public final CompletionStage<V> exceptionallyAsync(Function<Throwable, ? extends V> fn, java.util.concurrent.Executor executor) {
        return stage().exceptionallyAsync(fn, executor);
    }

    @Override
    public final CompletableFuture<V> toCompletableFuture() {
        return stage().copy();
    }
}
