import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { putFile, startUpload } from '../api/studio';
import { useApp } from '../app';
import { ErrorMessage } from '../components/status';

interface Fields {
  title: string;
  description: string;
  genre: string;
  language: string;
}

const TextField = ({ name, label, value, onChange, required = true, hint }: { name: keyof Fields; label: string; value: string; onChange: (v: string) => void; required?: boolean; hint?: string }) => (
  <label>
    {label}
    {name === 'description' ? (
      <textarea name={name} value={value} onChange={(e) => onChange(e.target.value)} rows={4} />
    ) : (
      <input type="text" name={name} required={required} value={value} placeholder={hint} onChange={(e) => onChange(e.target.value)} />
    )}
  </label>
);

export const UploadPage = () => {
  const { api } = useApp();
  const [fields, setFields] = useState<Fields>({ title: '', description: '', genre: '', language: 'en' });
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const set = (name: keyof Fields) => (value: string) => setFields({ ...fields, [name]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (file === null) return setError(new Error('Choose a video file to upload.'));
    setError(null);
    setDone(null);
    try {
      const ticket = await startUpload(api, { ...fields, fileName: file.name, contentType: file.type || 'video/mp4', sizeBytes: file.size });
      setProgress(0);
      await putFile(ticket, file, setProgress);
      setProgress(1);
      setDone(ticket.showId);
    } catch (e) {
      setError(e);
      setProgress(null);
    }
  };
  const sending = progress !== null && done === null;
  return (
    <section aria-labelledby="upload-title" className="narrow">
      <h1 id="upload-title">Upload a show</h1>
      <form onSubmit={(e) => void submit(e)}>
        <TextField name="title" label="Title" value={fields.title} onChange={set('title')} />
        <TextField name="description" label="Description" value={fields.description} onChange={set('description')} required={false} />
        <TextField name="genre" label="Genre" value={fields.genre} onChange={set('genre')} hint="e.g. documentary" />
        <TextField name="language" label="Language" value={fields.language} onChange={set('language')} hint="e.g. en, pt-BR" />
        <label>
          Video file
          <input type="file" name="file" accept="video/*" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" className="primary" disabled={sending}>
          {sending ? 'Uploading…' : 'Upload'}
        </button>
      </form>
      {progress !== null && (
        <label className="progress">
          Upload progress
          <progress max={100} value={Math.round(progress * 100)}>
            {Math.round(progress * 100)}%
          </progress>
          <span aria-live="polite">{Math.round(progress * 100)}%</span>
        </label>
      )}
      {done !== null && (
        <p role="status">
          Uploaded. Follow its processing in <Link to="/studio">My shows</Link>.
        </p>
      )}
      <ErrorMessage error={error} />
    </section>
  );
};
