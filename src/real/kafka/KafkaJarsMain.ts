import { ensureKafkaJars } from './KafkaJars.ts';

// `.ci/run` entry point: resolve the broker jars once before the tests run.
ensureKafkaJars().then(
  (dir) => console.log(`kafka jars: ${dir}`),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
