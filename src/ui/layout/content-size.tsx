// The box a screen may draw in (rows and columns left after the step bar, message line and footer).
import React, { createContext, useContext } from 'react';

export interface ContentSize {
  width: number;
  height: number;
}

const ContentSizeContext = createContext<ContentSize>({ width: 80, height: 20 });

export function ContentSizeProvider({ size, children }: { size: ContentSize; children: React.ReactNode }) {
  return <ContentSizeContext.Provider value={size}>{children}</ContentSizeContext.Provider>;
}

/** Width and height available to the current screen. */
export function useContentSize(): ContentSize {
  return useContext(ContentSizeContext);
}
