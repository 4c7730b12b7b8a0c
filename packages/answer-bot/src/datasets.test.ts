import { describe, expect, it } from 'vitest';
import { DatasetError, parseDatasetSpec, readCsvExamples, readJsonExamples } from './datasets.ts';

describe('dataset files', () => {
  it('reads the chosen CSV columns', () => {
    expect(readCsvExamples('a.csv', 'id,q,intent\n1,"where, is it",order\n2,hi,greet\n', { text: 'q', label: 'intent' })).toEqual([
      { text: 'where, is it', label: 'order' },
      { text: 'hi', label: 'greet' },
    ]);
  });

  it('names the missing column and lists the ones there are', () => {
    expect(() => readCsvExamples('a.csv', 'question,intent\nhi,greet\n')).toThrow(/a\.csv: no column named “text” or “label”; the columns are “question”, “intent”/);
  });

  it('names the line of an empty field and refuses broken CSV', () => {
    expect(() => readCsvExamples('a.csv', 'text,label\nhi,greet\nhello,\n')).toThrow('a.csv: line 3 has an empty “label” field');
    expect(() => readCsvExamples('a.csv', 'text,label\n"hi,greet\n')).toThrow(DatasetError);
  });

  it('reads CLINC-style JSON by key, joining several keys', () => {
    const json = JSON.stringify({ train: [['hi', 'greet']], oos_train: [['weather', 'oos']] });
    expect(readJsonExamples('d.json', json, ['train', 'oos_train'])).toEqual([
      { text: 'hi', label: 'greet' },
      { text: 'weather', label: 'oos' },
    ]);
    expect(() => readJsonExamples('d.json', json, ['test'])).toThrow('d.json: no key “test”; the keys are train, oos_train');
    expect(() => readJsonExamples('d.json', json, [])).toThrow(/name them, e\.g\. d\.json:train/);
  });

  it('reads an array of objects with the chosen keys and refuses bad items by position', () => {
    expect(readJsonExamples('d.json', '[{"q":"hi","i":"greet"}]', [], { text: 'q', label: 'i' })).toEqual([{ text: 'hi', label: 'greet' }]);
    expect(() => readJsonExamples('d.json', '[["hi"]]', [])).toThrow('d.json[0]: expected [text, label]');
    expect(() => readJsonExamples('d.json', '{oops', [])).toThrow(/d\.json: not valid JSON/);
  });

  it('splits a file name from its JSON keys', () => {
    expect(parseDatasetSpec('data/data_full.json:test,oos_test')).toEqual({ path: 'data/data_full.json', keys: ['test', 'oos_test'] });
    expect(parseDatasetSpec('intents.csv')).toEqual({ path: 'intents.csv', keys: [] });
  });
});
