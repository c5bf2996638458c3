import { tuneGarbageCollection } from '../src/GarbageCollectionTuning.ts';

tuneGarbageCollection();
