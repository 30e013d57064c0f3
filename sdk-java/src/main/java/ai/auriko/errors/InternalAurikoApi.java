package ai.auriko.errors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a declaration that is public only because the SDK's own modules share it across a module
 * boundary (Java has no module-internal visibility at Java 11 without JPMS). It is not part of the
 * API: it may change or disappear in any release, and the committed API dump leaves it out.
 * Applications must not use it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface InternalAurikoApi {}
