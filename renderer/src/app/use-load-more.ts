import { useEffect, type RefObject } from 'react';

type PagedList = { fetchNextPage: () => Promise<unknown>; hasNextPage: boolean; isFetchingNextPage: boolean; error: unknown };

/** Loads the next keyset page when the sentinel row below a list scrolls into view. */
export function useLoadMoreWhenVisible(sentinelRef: RefObject<Element | null>, { fetchNextPage, hasNextPage, isFetchingNextPage, error }: PagedList): void {
  useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!sentinel || !hasNextPage || isFetchingNextPage || error) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        void fetchNextPage();
      }
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [sentinelRef, fetchNextPage, hasNextPage, isFetchingNextPage, error]);
}
