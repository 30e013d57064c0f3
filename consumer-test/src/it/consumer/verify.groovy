// After the consumer build: both programs said OK, and every ai.auriko artifact it used came from
// the staging repository (the resolver records each file's origin in _remote.repositories).
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('consumer-kotlin OK') : 'the Kotlin program did not finish'
assert log.contains('consumer-java OK') : 'the Java program did not finish'

def sdk = new File(localRepositoryPath, 'ai/auriko')
def expected = ['auriko-bom', 'sdk-java', 'sdk-kotlin', 'sdk-testing']
assert sdk.isDirectory() : "no ai.auriko artifacts in ${localRepositoryPath}"
assert sdk.list().toList().sort() == expected : "ai.auriko artifacts used: ${sdk.list().toList().sort()}"
expected.each { artifact ->
    def dir = new File(sdk, "${artifact}/${aurikoVersion}")
    def origins = new File(dir, '_remote.repositories').readLines().findAll { it.contains('>') }
    assert !origins.isEmpty() : "${artifact}: no origin recorded"
    origins.each { line ->
        assert line.endsWith('>staging=') : "${artifact}: ${line} did not come from the staging repository"
    }
}
// The class path a user gets from the published POMs is the one the SDK's build ran with.
def artifacts = { File f ->
    f.readLines().collect { it.trim().replaceAll(/ -- module .*/, '') }
        .findAll { it ==~ /[^: ]+:[^: ]+:jar:.+/ }
        .collect { it.replaceAll(/:(compile|runtime|provided|test|system)$/, '') }
        .toSet()
}
def consumer = artifacts(new File(basedir, 'target/consumer-runtime.txt'))
def reactor = artifacts(new File(reactorRuntime))
assert !reactor.isEmpty() : "nothing listed in ${reactorRuntime}"
assert consumer == reactor : "run-time class paths differ.\nonly in the consumer build: ${(consumer - reactor).sort()}\nonly in the SDK's build: ${(reactor - consumer).sort()}"

println "consumer build: both programs OK; ${expected} resolved from the staging repository; ${consumer.size()} run-time artifacts, as in the SDK's build"
return true
