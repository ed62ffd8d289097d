import { useEffect, useState } from 'react';
import { getJob, progressUrl, type Job } from '../api/imports';

/**
 * The job as the server reports it after each committed batch (server-sent events); falls back
 * to asking every second when the stream breaks. Stops when the job ends.
 */
export function useImportProgress(initial: Job | null): Job | null {
  const [job, setJob] = useState<Job | null>(null);
  const id = initial?.id;
  useEffect(() => {
    if (!id) return;
    let closed = false;
    let timer: ReturnType<typeof setInterval> | null = null;
    const source = new EventSource(progressUrl(id));
    const take = (e: MessageEvent<string>) => setJob(JSON.parse(e.data) as Job);
    source.addEventListener('progress', take);
    source.addEventListener('end', (e) => {
      take(e);
      source.close();
    });
    source.onerror = () => {
      source.close();
      if (closed || timer) return;
      timer = setInterval(() => {
        void getJob(id).then((j) => {
          setJob(j);
          if (j.status !== 'running' && timer) clearInterval(timer);
        });
      }, 1000);
    };
    return () => {
      closed = true;
      source.close();
      if (timer) clearInterval(timer);
    };
  }, [id]);
  // What the stream said about this job, else the job as it was started.
  return job && job.id === id ? job : initial;
}
