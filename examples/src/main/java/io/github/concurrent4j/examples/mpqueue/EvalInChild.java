package io.github.concurrent4j.examples.mpqueue;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.Queue;

/**
 * The seeds' first inter-process program: a child evaluates an expression and returns the result
 * to the parent through a {@code multiprocessing.Queue}.
 *
 * <pre>
 * def func(exp, q):
 *     res = eval(exp)
 *     q.put(res)
 * q = Queue()
 * p = Process(target=func, args=('1+2+3', q)); p.start()
 * print(q.get())
 * </pre>
 *
 * Java has no {@code eval}; a small evaluator of integer arithmetic ({@code + - * /} and
 * parentheses) plays its part, so the point stays the same: the work happens in the child, the
 * result comes back through the queue.
 */
public final class EvalInChild {
    static void func(String exp, Queue<Long> q) {
        long res = new Evaluator(exp).eval();
        q.put(res);
    }

    public static void main(String[] args) {
        String exp = args.length > 0 ? String.join("", args) : "1+2+3";
        try (Queue<Long> q = new Queue<>()) {
            Process p = new Process(() -> func(exp, q));
            p.start();
            System.out.println(q.get());
            p.join();
        }
    }

    /** exp := term (('+'|'-') term)*; term := factor (('*'|'/') factor)*; factor := number | '(' exp ')' | '-' factor */
    static final class Evaluator {
        private final String s;
        private int at;

        Evaluator(String s) {
            this.s = s.replace(" ", "");
        }

        long eval() {
            long v = exp();
            if (at != s.length()) throw new IllegalArgumentException("unexpected '" + s.charAt(at) + "' at " + at + " in " + s);
            return v;
        }

        private long exp() {
            long v = term();
            while (at < s.length() && (s.charAt(at) == '+' || s.charAt(at) == '-')) v = s.charAt(at++) == '+' ? v + term() : v - term();
            return v;
        }

        private long term() {
            long v = factor();
            while (at < s.length() && (s.charAt(at) == '*' || s.charAt(at) == '/')) v = s.charAt(at++) == '*' ? v * factor() : v / factor();
            return v;
        }

        private long factor() {
            if (at < s.length() && s.charAt(at) == '-') {
                at++;
                return -factor();
            }
            if (at < s.length() && s.charAt(at) == '(') {
                at++;
                long v = exp();
                if (at >= s.length() || s.charAt(at++) != ')') throw new IllegalArgumentException("missing ')' in " + s);
                return v;
            }
            int start = at;
            while (at < s.length() && Character.isDigit(s.charAt(at))) at++;
            if (start == at) throw new IllegalArgumentException("a number expected at " + at + " in " + s);
            return Long.parseLong(s, start, at, 10);
        }
    }
}
