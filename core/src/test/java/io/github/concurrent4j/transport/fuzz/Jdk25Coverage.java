package io.github.concurrent4j.transport.fuzz;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets Jazzer 0.24.0 instrument concurrent4j's classes on JDK 25. Its bundled ASM reads class
 * files up to version 67 (Java 23) and skips every class of version 69 (Java 25) with
 * "Unsupported class file major version 69", so without this the fuzzer runs blind: measured
 * on the probe target {@code a == 0x12345678 && s.equals("boom-found")}, 7.5 million
 * executions in 11 s found nothing and libFuzzer warned "no interesting inputs were found ...
 * Is the code instrumented for coverage?"; with it, the same target falls in 32,653
 * executions (under a second).
 *
 * <p>How: before Jazzer installs its agent (during the fuzz test's argument resolution, after
 * {@code BeforeAll}), this registers a retransforming class-file transformer on the same
 * {@code Instrumentation} that relabels concurrent4j's class files as version 67. Transformers
 * run in registration order, so Jazzer then sees a version it can read. The two versions' class
 * files have the same structure for what this code base uses (no preview features); JDK
 * classes keep version 69 and stay uninstrumented (Jazzer's hooks still apply at their call
 * sites in our code). Kryo and the pickle library are Java 8 class files and are instrumented
 * as they are.
 */
public final class Jdk25Coverage implements BeforeAllCallback {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!INSTALLED.compareAndSet(false, true)) return;
        Instrumentation inst = com.code_intelligence.jazzer.third_party.net.bytebuddy.agent.ByteBuddyAgent.install();
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                    ProtectionDomain domain, byte[] bytes) {
                if (name == null || !name.startsWith("io/github/concurrent4j/") || bytes.length < 8) return null;
                if (bytes[4] != 0 || bytes[5] != 0 || bytes[6] != 0 || (bytes[7] & 0xff) <= 67) return null;
                byte[] relabelled = bytes.clone();
                relabelled[7] = 67;
                return relabelled;
            }
        }, true);
    }
}
